/// The fixed terminal every program runs in.
struct TerminalSize: Sendable, CustomStringConvertible {
    var columns: UInt16
    var rows: UInt16

    static let standard = TerminalSize(columns: 120, rows: 40)

    var description: String { "\(columns)x\(rows)" }
}
