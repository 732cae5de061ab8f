/// What kind of process owns an instance: it is written in `owner.json` and told to viewers in
/// the control socket's hello.
public enum OwnerRole: String, Sendable, Codable, Equatable {
    case daemon, dashboard
}
