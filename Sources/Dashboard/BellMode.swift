/// How the dashboard tells the operator that a profile went bad: the terminal bell (the
/// default), a flash of the screen (`--visual-bell`), or nothing (`--no-bell`; the banner still
/// shows).
public enum BellMode: String, Sendable, Equatable, CaseIterable {
    case audible
    case visual
    case off
}
