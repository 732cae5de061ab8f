/// What the mouse did: a button pressed, or the wheel turned one notch.
public enum MouseButton: Sendable, Equatable {
    case left, middle, right
    /// The wheel turned away from the operator (up: towards the top of a list).
    case wheelUp
    /// The wheel turned towards the operator.
    case wheelDown
}
