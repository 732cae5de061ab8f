extension ControlRequest {
    /// Whether serving this request changes something (a token request, a pause, a reload), as
    /// opposed to only reading state. Read-only clients may send only requests for which this
    /// is false.
    public var needsActing: Bool {
        switch self {
        case .status, .subscribe, .history: false
        case .refresh, .refreshAll, .pause, .resume, .togglePause, .reload: true
        }
    }

    /// The request's `type` on the wire (`refresh`, `status`, ...).
    public var typeName: String { WireMessage.typeName(of: self) }
}
