import Yams

/// Builds Yams `Mark`s, which have no public initializer.
///
/// `Mark` is a struct of two `Int`s, `line` then `column`, compiled from source in this package
/// (no library evolution), so its layout is that of `(Int, Int)`. `isUsable` checks this once
/// against a mark Yams itself made; the streaming composer is only used when it holds.
enum YamlMark {
    static func make(line: Int, column: Int) -> Mark {
        unsafeBitCast((line, column), to: Mark.self)
    }

    /// True when `make` builds the marks Yams builds (checked once, on a two-line document).
    static let isUsable: Bool = {
        guard MemoryLayout<Mark>.size == MemoryLayout<(Int, Int)>.size,
            MemoryLayout<Mark>.alignment == MemoryLayout<(Int, Int)>.alignment,
            let node = try? Yams.compose(yaml: "\n   x: 1\n", .basic), let yams = node.mark
        else { return false }
        let made = make(line: 2, column: 4)
        return yams.line == 2 && yams.column == 4 && made.line == yams.line && made.column == yams.column
            && make(line: 7, column: 11).line == 7 && make(line: 7, column: 11).column == 11
    }()
}
