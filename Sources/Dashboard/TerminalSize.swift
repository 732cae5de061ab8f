/// The terminal's size in character cells. Negative values are read as zero.
public struct TerminalSize: Sendable, Equatable {
    public var cols: Int
    public var rows: Int

    public init(cols: Int, rows: Int) {
        self.cols = max(0, cols)
        self.rows = max(0, rows)
    }
}
