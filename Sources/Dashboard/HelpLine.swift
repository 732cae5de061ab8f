/// One line of the help overlay.
public enum HelpLine: Sendable, Equatable {
    case heading(String)
    case binding(keys: String, description: String)
    case blank
}
