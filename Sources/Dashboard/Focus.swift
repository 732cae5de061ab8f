/// Which pane the movement keys act on.
public enum Focus: String, Sendable, Equatable, CaseIterable {
    case table
    case log
}
