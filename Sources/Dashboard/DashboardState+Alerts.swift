extension DashboardState {
    /// Lists the profiles already bad in the banner, without a bell: called once when the
    /// dashboard opens (an operator attaching to a daemon sees at once what needs a look).
    public mutating func listCurrentAlerts() {
        alerts.listCurrent(profiles, at: now)
    }

    /// For a dashboard whose own refresher started with it: a profile already bad when the
    /// screen opens went bad in this run (the screen merely came up after the first answers), so
    /// it is listed and rings, as a change seen a moment later would.
    public mutating func alertCurrentWithBell() {
        // The state was made knowing them (no bell as they retry); here they are news instead.
        alerts = AlertBoard()
        ringAtOpen = alerts.observe(all: profiles, at: now)
    }

    /// The signal due once the first frame is drawn: nil for none, else whether it flashes.
    public var openingBell: Bool? {
        guard ringAtOpen else { return nil }
        switch bellMode {
        case .audible: return false
        case .visual: return true
        case .off: return nil
        }
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
