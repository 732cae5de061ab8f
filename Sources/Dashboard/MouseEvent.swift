/// A mouse press or wheel notch at a cell of the screen; `col` and `row` count from 0 at the
/// top-left corner, like `Rect`.
public struct MouseEvent: Sendable, Equatable {
    public var button: MouseButton
    public var col: Int
    public var row: Int

    public init(_ button: MouseButton, col: Int, row: Int) {
        self.button = button
        self.col = col
        self.row = row
    }
}
