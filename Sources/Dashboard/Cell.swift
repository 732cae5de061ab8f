/// One character cell of the screen.
public struct Cell: Sendable, Equatable {
    public var character: Character
    public var style: Style
    /// True for the right half of a double-width character: the terminal draws nothing here.
    public var isContinuation: Bool

    public init(_ character: Character, _ style: Style = .normal, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell(" ")
}
