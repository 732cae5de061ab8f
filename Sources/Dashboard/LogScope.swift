/// Whether the log pane shows every profile's attempts or only the selected profile's.
public enum LogScope: String, Sendable, Equatable, CaseIterable {
    case all
    case selected
}
