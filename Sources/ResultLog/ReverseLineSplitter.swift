/// Cuts a file read backwards, block by block from its end, into lines, newest first. Pure: it
/// sees only the blocks it is given, so a test can split a line across any boundary.
///
/// The bytes of a line whose start is not read yet wait in a buffer that never grows past
/// `maximumLine`: a longer line is dropped (and counted in `oversized`) as its bytes arrive, so
/// a file with no newline at all costs one block's worth of memory, not the file's. The end of
/// the file ends its last line even without a newline (a torn write shows up as a line that does
/// not parse); an empty last segment (the file ends with a newline) is no line.
public struct ReverseLineSplitter: Sendable {
    public let maximumLine: Int
    /// The end of a line whose start lies in an earlier block, not yet read.
    private var pending: [UInt8] = []
    /// The line being read is past `maximumLine`: its bytes are dropped until its start.
    private var dropping = false
    /// Whether any block was fed (the segment after the last newline is a line of its own).
    private var fedAny = false
    /// Lines dropped for being longer than `maximumLine`.
    public private(set) var oversized = 0

    public init(maximumLine: Int = 1 << 20) {
        self.maximumLine = max(1, maximumLine)
    }

    /// The lines that end in `block` (which lies just before everything fed so far), newest
    /// first, newline excluded. The part of `block` before its first newline waits for the
    /// next, earlier block.
    public mutating func feed(_ block: [UInt8]) -> [ArraySlice<UInt8>] {
        let atEnd = !fedAny
        fedAny = true
        var lines: [ArraySlice<UInt8>] = []
        // The newlines in `block`, last first; the bytes after the last one belong to `pending`.
        var end = block.count
        var index = block.count - 1
        while index >= 0 {
            if block[index] == UInt8(ascii: "\n") {
                if end == block.count {
                    // The first newline from the end closes the pending line (or, at the end of
                    // the file, the trailing segment).
                    let tail = block[(index + 1)..<end]
                    if dropping {
                        dropping = false
                        oversized += 1
                    } else if tail.count + pending.count > maximumLine {
                        oversized += 1
                    } else {
                        let whole = Array(tail) + pending
                        if !whole.isEmpty || !atEnd { lines.append(whole[...]) }
                    }
                    pending = []
                } else {
                    lines.append(block[(index + 1)..<end])
                }
                end = index
            }
            index -= 1
        }
        if end == block.count {
            // No newline in this block: all of it continues the pending line.
            keep(block[...])
        } else {
            keep(block[..<end])
        }
        var kept: [ArraySlice<UInt8>] = []
        kept.reserveCapacity(lines.count)
        for line in lines {
            // A line found whole inside one block can still be too long.
            if line.count > maximumLine { oversized += 1 } else { kept.append(line) }
        }
        return kept
    }

    /// The first line of the file (whatever waits when the start of the file is reached), or
    /// nil when there is none.
    public mutating func finish() -> ArraySlice<UInt8>? {
        defer {
            pending = []
            dropping = false
        }
        if dropping {
            oversized += 1
            return nil
        }
        return pending.isEmpty ? nil : pending[...]
    }

    /// Puts `bytes` in front of the pending line, or starts dropping when it would grow too long.
    private mutating func keep(_ bytes: ArraySlice<UInt8>) {
        guard !dropping, !bytes.isEmpty || !pending.isEmpty else { return }
        if bytes.count + pending.count > maximumLine {
            pending = []
            dropping = true
        } else if !bytes.isEmpty {
            pending = Array(bytes) + pending
        }
    }
}
