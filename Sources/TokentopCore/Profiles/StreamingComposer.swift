import CYaml
import Yams

/// Composes one YAML document from libyaml's events into Yams `Node`s, the way `Yams.compose(yaml:_:)`
/// does (same nodes, tags, marks, anchors, duplicate-key check, and its errors as `YamlProblem`s), except that the items of
/// the top-level `profiles:` list can be handed over one at a time instead of being kept in the tree.
///
/// With 100,000 profiles the whole tree was about 200 MB of small blocks at its peak; one item at a
/// time keeps only the item being read (and anchored nodes, which an alias may still name).
final class StreamingComposer {
    /// Receives each item of the streamed list with its index.
    typealias ItemSink = (Node, Int) -> Void
    /// Called when the first top-level `profiles` key's value turns out to be a list without an
    /// anchor, with the top-level pairs composed so far; returns a sink to stream the items into,
    /// or nil to keep them in the tree as Yams would.
    typealias StreamDecision = ([(Node, Node)]) -> ItemSink?

    struct Document {
        /// The root as `Yams.compose` returns it, except that a streamed list is present without items.
        var root: Node?
        /// How many items were streamed (0 when nothing was).
        var streamedItems = 0
        var streamed = false
    }

    static let listKey = "profiles"

    private var parser = yaml_parser_t()
    private let yaml: String
    private let resolver: Resolver
    private var anchors: [Anchor: Node] = [:]
    /// `Constructor.default` is computed: it builds its tables anew at every use (once per
    /// node, a third of composing 10,000 profiles in `perf`), so it is read once here.
    private let constructor = Constructor.default
    private let decide: StreamDecision
    /// Streamed items are only checked (see `check(_:)`), not built; the sink gets nothing.
    private let checkOnly: Bool
    private var depth = 0
    private var document = Document()

    private init(yaml: String, resolver: Resolver, checkOnly: Bool, decide: @escaping StreamDecision) {
        self.yaml = yaml
        self.checkOnly = checkOnly
        self.resolver = resolver
        self.decide = decide
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    }

    deinit { yaml_parser_delete(&parser) }

    /// Composes the single document in `yaml`; throws the `YamlProblem` for the `YamlError` Yams would throw.
    /// With `checkOnly`, streamed items are checked for every error composing them would throw but
    /// not built.
    static func compose(
        yaml: String, resolver: Resolver, checkOnly: Bool = false, decide: @escaping StreamDecision
    ) throws -> Document {
        let composer = StreamingComposer(yaml: yaml, resolver: resolver, checkOnly: checkOnly, decide: decide)
        if let result = try yaml.utf8.withContiguousStorageIfAvailable({ bytes in try composer.run(bytes) }) {
            return result
        }
        let bytes = Array(yaml.utf8)
        return try bytes.withUnsafeBufferPointer { try composer.run($0) }
    }

    private func run(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Document {
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        try parse().close()  // stream start
        guard parser.stream_end_produced == 0 else { return document }
        let first = try parse()
        guard first.type != YAML_STREAM_END_EVENT else {
            first.close()
            return document
        }
        first.close()  // document start
        document.root = try loadNode(from: parse())
        try parse().close()  // document end
        let next = try parse()
        defer { next.close() }
        if next.type != YAML_STREAM_END_EVENT {
            let mark = next.startMark
            throw YamlProblem.syntax(
                problem: "but found another document", line: mark.line, column: mark.column,
                context: .init(text: "expected a single document in the stream", line: 1, column: 1))
        }
        return document
    }

    private func parse() throws -> Event {
        let event = Event()
        guard yaml_parser_parse(&parser, &event.event) == 1 else {
            throw error()
        }
        event.owned = true
        return event
    }

    /// The anchored node an alias event names, or Yams' error for an undefined alias.
    private func aliased(_ event: Event) throws -> Node {
        guard let anchor = string(event.event.data.alias.anchor).map(Anchor.init(rawValue:)), let node = anchors[anchor]
        else {
            let mark = event.startMark
            throw YamlProblem.syntax(problem: "found undefined alias", line: mark.line, column: mark.column, context: nil)
        }
        return node
    }

    private func loadNode(from event: Event) throws -> Node {
        defer { event.close() }
        switch event.type {
        case YAML_ALIAS_EVENT:
            return try aliased(event)
        case YAML_SCALAR_EVENT:
            let data = event.event.data.scalar
            let anchor = string(data.anchor).map(Anchor.init(rawValue:))
            let tagName = data.quoted_implicit == 1 ? Tag.Name.str.rawValue : string(data.tag)
            let value = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let style = Node.Scalar.Style(rawValue: numericCast(data.style.rawValue)) ?? .any
            let node = Node.scalar(.init(value, tag(tagName), style, event.startMark, anchor))
            register(anchor, node)
            return node
        case YAML_SEQUENCE_START_EVENT:
            return try loadSequence(from: event)
        case YAML_MAPPING_START_EVENT:
            return try loadMapping(from: event)
        default:
            return .scalar(.init(""))  // libyaml gives only node events here
        }
    }

    private func loadSequence(from first: Event, streamingInto sink: ItemSink? = nil) throws -> Node {
        depth += 1
        defer { depth -= 1 }
        var nodes: [Node] = []
        var count = 0
        var event = try parse()
        while event.type != YAML_SEQUENCE_END_EVENT {
            if sink != nil, checkOnly {
                try check(event)
            } else {
                let node = try loadNode(from: event)
                if let sink { sink(node, count) } else { nodes.append(node) }
            }
            count += 1
            event = try parse()
        }
        defer { event.close() }
        let data = first.event.data.sequence_start
        let anchor = string(data.anchor).map(Anchor.init(rawValue:))
        // Yams reads the style from the end event; kept so the nodes are the same.
        let style = Node.Sequence.Style(rawValue: numericCast(event.event.data.sequence_start.style.rawValue)) ?? .any
        let node = Node.sequence(
            .init(nodes, tag(data.implicit != 0 ? nil : string(data.tag)), style, first.startMark, anchor))
        if sink != nil { document.streamedItems = count }
        register(anchor, node)
        return node
    }

    private func loadMapping(from first: Event) throws -> Node {
        depth += 1
        defer { depth -= 1 }
        let isRoot = depth == 1
        var pairs: [(Node, Node)] = []
        var event = try parse()
        while event.type != YAML_MAPPING_END_EVENT {
            let key = try loadNode(from: event)
            event = try parse()
            let value: Node
            if isRoot, !document.streamed, event.type == YAML_SEQUENCE_START_EVENT,
                event.event.data.sequence_start.anchor == nil, Self.isListKey(key),
                !pairs.contains(where: { Self.isListKey($0.0) }), let sink = decide(pairs)
            {
                document.streamed = true
                defer { event.close() }
                value = try loadSequence(from: event, streamingInto: sink)
            } else {
                value = try loadNode(from: event)
            }
            pairs.append((key, value))
            event = try parse()
        }
        defer { event.close() }
        if pairs.count > 16 || Self.hasRepeatedKey(pairs.count, { pairs[$0].0 }) { try checkDuplicates(pairs.map(\.0)) }
        let data = first.event.data.mapping_start
        let anchor = string(data.anchor).map(Anchor.init(rawValue:))
        let style = Node.Mapping.Style(rawValue: numericCast(event.event.data.mapping_start.style.rawValue)) ?? .any
        let node = Node.mapping(
            .init(pairs, tag(data.implicit != 0 ? nil : string(data.tag)), style, first.startMark, anchor))
        register(anchor, node)
        return node
    }

    /// Reads a node's events with the checks composing it would make (undefined aliases, duplicate
    /// keys, in the same order) without building it: only keys, which the duplicate check compares,
    /// and anchored nodes, which a later alias may name, are built.
    private func check(_ event: Event) throws {
        guard !hasAnchor(event) else {
            _ = try loadNode(from: event)
            return
        }
        defer { event.close() }
        switch event.type {
        case YAML_ALIAS_EVENT:
            _ = try aliased(event)
        case YAML_SEQUENCE_START_EVENT:
            depth += 1
            defer { depth -= 1 }
            var next = try parse()
            while next.type != YAML_SEQUENCE_END_EVENT {
                try check(next)
                next = try parse()
            }
            next.close()
        case YAML_MAPPING_START_EVENT:
            depth += 1
            defer { depth -= 1 }
            var keys: [Node] = []
            var next = try parse()
            while next.type != YAML_MAPPING_END_EVENT {
                keys.append(try loadNode(from: next))
                try check(try parse())
                next = try parse()
            }
            next.close()
            if keys.count > 16 || Self.hasRepeatedKey(keys.count, { keys[$0] }) { try checkDuplicates(keys) }
        default:
            break  // a scalar: nothing to check
        }
    }

    private func hasAnchor(_ event: Event) -> Bool {
        switch event.type {
        case YAML_SCALAR_EVENT: event.event.data.scalar.anchor != nil
        case YAML_SEQUENCE_START_EVENT: event.event.data.sequence_start.anchor != nil
        case YAML_MAPPING_START_EVENT: event.event.data.mapping_start.anchor != nil
        default: false
        }
    }

    private static func isListKey(_ key: Node) -> Bool { isKey(key, listKey) }

    /// True when `node` is the plain scalar `text` (a mapping key such as `profiles`).
    static func isKey(_ node: Node, _ text: String) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.string == text
    }

    /// Whether any two of `count` keys are equal, compared pair by pair with the same `==` Yams'
    /// grouping uses: for the small mappings of a profiles file (five or so keys each), hashing
    /// every key into a fresh dictionary (and copying the keys out of the pairs first) was a third
    /// of composing 10,000 profiles. Larger mappings go straight to `checkDuplicates`.
    private static func hasRepeatedKey(_ count: Int, _ key: (Int) -> Node) -> Bool {
        for later in 1..<max(1, count) {
            for earlier in 0..<later where key(earlier) == key(later) { return true }
        }
        return false
    }

    /// Yams' check, with its choice of the key to report (the smallest duplicate).
    private func checkDuplicates(_ keys: [Node]) throws {
        let duplicates = Dictionary(grouping: keys) { $0 }.filter { $1.count > 1 }
        guard !duplicates.isEmpty else { return }
        let sortedKeys = duplicates.keys.sorted()
        let firstMark = sortedKeys.first?.mark
        throw YamlProblem.duplicateKeys(
            sortedKeys.map { $0.string ?? "<uncovertable>" }, line: firstMark?.line ?? 0, column: firstMark?.column ?? 0)
    }

    private func register(_ anchor: Anchor?, _ node: Node) {
        if let anchor { anchors[anchor] = node }
    }

    private func tag(_ name: String?) -> Tag {
        Tag(name.map(Tag.Name.init(rawValue:)) ?? .implicit, resolver, constructor)
    }

    private func string(_ pointer: UnsafePointer<UInt8>?) -> String? {
        guard let pointer else { return nil }
        return String.decodeCString(pointer, as: UTF8.self, repairingInvalidCodeUnits: true)?.result
    }

    /// The error Yams builds from the parser's error state (`YamlError(from:with:)`), as a `YamlProblem`.
    private func error() -> YamlProblem {
        func text(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
        let context = parser.context.map {
            YamlProblem.Context(
                text: String(cString: $0), line: parser.context_mark.line + 1, column: parser.context_mark.column + 1)
        }
        let line = parser.problem_mark.line + 1, column = parser.problem_mark.column + 1
        switch parser.error {
        case YAML_READER_ERROR:
            let index = yaml.utf8.index(yaml.utf8.startIndex, offsetBy: parser.problem_offset, limitedBy: yaml.utf8.endIndex)?
                .samePosition(in: yaml)
            let offset = index.map { yaml.distance(from: yaml.startIndex, to: $0) }
            return .reader(problem: text(parser.problem), offset: offset)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            return .syntax(problem: text(parser.problem), line: line, column: column, context: context)
        default:
            return .other
        }
    }
}

/// One libyaml event; `close()` frees what libyaml allocated for it (also done on deinit).
private final class Event {
    var event = yaml_event_t()
    var owned = false

    var type: yaml_event_type_t { event.type }
    var startMark: Mark { YamlMark.make(line: event.start_mark.line + 1, column: event.start_mark.column + 1) }

    func close() {
        guard owned else { return }
        owned = false
        yaml_event_delete(&event)
    }

    deinit { close() }
}
