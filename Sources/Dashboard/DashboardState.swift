import Foundation
import TokenModel

/// Everything the dashboard shows, as a value. `update` changes it, `view` draws it.
public struct DashboardState: Sendable, Equatable {
    /// Every profile, in display order.
    public var profiles: [ProfileStatus] {
        didSet { profilesVersion = ProfilesVersion() }
    }
    /// Changes whenever `profiles` does, so per-frame summaries can be cached (see `stateCounts`).
    var profilesVersion = ProfilesVersion()
    /// The selected profile's name; kept by name so a new snapshot or a filter does not move it.
    public var selectedName: String?
    public var focus: Focus = .table
    /// Whether the operator wants the detail pane (it may still be dropped on a small screen).
    public var showDetail = true
    public var log: AttemptLog
    public var logScope: LogScope = .all
    /// How many of the newest log lines are scrolled past (0 = the newest is on top).
    public var logScroll = 0
    /// Result-log lines the history read at start skipped (broken or foreign); the log pane's
    /// title says so when there were any.
    public var historySkipped = 0
    /// Case-insensitive text matched against name, merchant and tags; empty = no filter.
    public var filter = ""
    /// True while `/` is typing into the filter.
    public var isEditingFilter = false
    public var showHelp = false
    /// Lines of the help overlay scrolled past.
    public var helpScroll = 0
    public var confirmation: Confirmation?
    public var themeName: String
    /// The themes `t` cycles through, in order.
    public var themeNames: [String]
    /// Where the profiles came from: a path, or `DEMO`.
    public var configSource: String
    public var size: TerminalSize
    public var now: Date
    /// The zone local times are shown in (tests use UTC).
    public var timeZone: TimeZone
    /// An extra label for the header, e.g. `attached` when following a daemon; nil shows nothing.
    public var modeLabel: String?
    /// A one-line message shown in the footer until the next key.
    public var notice: String?
    /// Whether `notice` reports a problem (drawn in the error style) or just an outcome.
    public var noticeIsError = true
    /// Whether `y`/`Y` can copy tokens: false in a viewer attached over the control socket,
    /// which never carries tokens.
    public var canCopyTokens = true
    /// The characters the screen is drawn with: Unicode under a UTF-8 locale, else ASCII.
    public var glyphs: Glyphs = .unicode
    /// Whether this dashboard may act on the refresher (refresh, pause, reload): false in a
    /// viewer the owner's socket lets only read (another user than the refresher's). The header
    /// then says `read-only`, and the keys that act are greyed out and refused with a notice.
    public var canAct = true
    /// The order the table lists profiles in (`s` cycles it).
    public var sort: ProfileSort = .file
    /// Whether the table lists only problems (`!`; see `ProblemRule`).
    public var problemsOnly = false
    /// Profiles that went bad: the banner's alerts and what the bell has rung for.
    public var alerts: AlertBoard
    /// How a new alert is signalled: the bell, a flash, or nothing (`--visual-bell`, `--no-bell`).
    public var bellMode: BellMode = .audible
    /// A bell is due as soon as the first frame is drawn (see `alertCurrentWithBell`).
    public var ringAtOpen = false
    /// Positions by name and per-state counts of `profiles` (caches; see `ProfileListCache`).
    let cache = ProfileListCacheBox()
    /// Whether the timeline (`T`) is shown in place of the table, detail and log panes.
    public var showTimeline = false
    /// How much time the timeline shows across (`+`/`-`).
    public var timelineSpan: TimelineSpan = .hour
    /// Each profile's attempts from `log`, grouped once per change of the log.
    let historyCache = ProfileHistoryCache()

    public init(
        profiles: [ProfileStatus] = [],
        configSource: String,
        size: TerminalSize = TerminalSize(cols: 80, rows: 24),
        now: Date,
        timeZone: TimeZone = .current,
        themeName: String = "default",
        themeNames: [String] = ["default"],
        log: AttemptLog = AttemptLog(),
        modeLabel: String? = nil
    ) {
        self.profiles = profiles
        self.selectedName = profiles.first?.name
        self.configSource = configSource
        self.size = size
        self.now = now
        self.timeZone = timeZone
        self.themeName = themeName
        self.themeNames = themeNames.isEmpty ? [themeName] : themeNames
        self.log = log
        self.modeLabel = modeLabel
        self.alerts = AlertBoard(known: profiles)
    }

    /// The profiles the filter lets through, in display order.
    public var visibleProfiles: [ProfileStatus] {
        let listed = orderedProfiles
        let needle = filter.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { return listed }
        return listed.filter { profile in
            profile.name.lowercased().contains(needle) || profile.merchant.lowercased().contains(needle)
                || profile.tags.contains { $0.lowercased().contains(needle) }
        }
    }

    /// How many rows the table lists, without building the sorted list: sorting never changes
    /// the count, so a layout worked out on every event costs no sort (the filter still scans).
    public var visibleProfileCount: Int {
        guard filter.trimmingCharacters(in: .whitespaces).isEmpty else { return visibleProfiles.count }
        return problemsOnly ? problemCount : profiles.count
    }

    /// The selected row among `visibleProfiles`: the named profile, else the first row; nil when
    /// nothing is visible.
    public var selectedIndex: Int? {
        guard filter.trimmingCharacters(in: .whitespaces).isEmpty else {
            let visible = visibleProfiles
            guard !visible.isEmpty else { return nil }
            if let name = selectedName, let index = visible.firstIndex(where: { $0.name == name }) { return index }
            return 0
        }
        if let rows = orderedRows {
            guard !rows.profiles.isEmpty else { return nil }
            if let name = selectedName, let index = rows.positions[name] { return index }
            return 0
        }
        guard !profiles.isEmpty else { return nil }
        if let name = selectedName, let index = index(of: name) { return index }
        return 0
    }

    /// `profiles` in the chosen sort, only the problems in the problems view; before the filter.
    public var orderedProfiles: [ProfileStatus] { orderedRows?.profiles ?? profiles }

    /// The sorted or problems-only list, made once per change of the list, the sort or the view
    /// (not per frame); nil in file order with every profile shown, which is `profiles` itself.
    private var orderedRows: ProfileRows? {
        guard sort != .file || problemsOnly else { return nil }
        return cache.order.rows(
            of: profiles, version: profilesVersion, sort: sort, problemsOnly: problemsOnly, now: now)
    }

    /// How many profiles are problems now (see `ProblemRule`), counted once per change of the
    /// list or when a token enters its refresh lead, not every frame.
    public var problemCount: Int {
        cache.order.problemCount(of: profiles, version: profilesVersion, now: now)
    }

    /// How many profiles are in each state (only states that occur). Counted once per change of
    /// `profiles`, not on every frame: the once-a-second tick must not cost a pass over every
    /// profile.
    public var stateCounts: [ProfileState: Int] {
        cache.cache.stateCounts(version: profilesVersion) {
            var tally: [ProfileState: Int] = [:]
            for index in profiles.indices { tally[profiles[index].state, default: 0] += 1 }
            return tally
        }
    }

    /// Where the profile named `name` is in `profiles` (no scan of the list).
    public func index(of name: String) -> Int? {
        cache.cache.index(of: name, in: profiles)
    }

    public var selectedProfile: ProfileStatus? {
        guard let index = selectedIndex else { return nil }
        return filter.trimmingCharacters(in: .whitespaces).isEmpty ? orderedProfiles[index] : visibleProfiles[index]
    }

    /// The log lines the pane lists, newest first.
    public var visibleLog: [AttemptRecord] {
        log.newestFirst(profile: logProfile)
    }

    /// How many lines the pane lists (no list built).
    public var visibleLogCount: Int { log.count(profile: logProfile) }

    /// The pane's page: `limit` lines after the `skipping` newest (only those read).
    public func visibleLog(skipping: Int, limit: Int) -> [AttemptRecord] {
        log.newest(skipping: skipping, limit: limit, profile: logProfile)
    }

    /// The profile the log pane is limited to, nil for all ("" when none is selected: no lines).
    private var logProfile: String? {
        switch logScope {
        case .all: nil
        case .selected: selectedProfile?.name ?? ""
        }
    }
}
