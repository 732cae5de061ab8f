extension DashboardState {
    /// Lists the profiles already bad in the banner, without a bell: called once when the
    /// dashboard opens (an operator attaching to a daemon sees at once what needs a look).
    public mutating func listCurrentAlerts() {
        alerts.listCurrent(profiles, at: now)
    }

    /// What `update` returns when an alert should be signalled: the bell, a flash or nothing.
    var bellCommands: [DashboardCommand] {
        switch bellMode {
        case .audible: [.bell(flash: false)]
        case .visual: [.bell(flash: true)]
        case .off: []
        }
    }
}
