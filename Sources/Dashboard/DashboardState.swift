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
    }

    /// The profiles the filter lets through, in display order.
    public var visibleProfiles: [ProfileStatus] {
        let needle = filter.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { return profiles }
        return profiles.filter { profile in
            profile.name.lowercased().contains(needle) || profile.merchant.lowercased().contains(needle)
                || profile.tags.contains { $0.lowercased().contains(needle) }
        }
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
        guard !profiles.isEmpty else { return nil }
        if let name = selectedName, let index = index(of: name) { return index }
        return 0
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
        return filter.trimmingCharacters(in: .whitespaces).isEmpty ? profiles[index] : visibleProfiles[index]
    }

    /// The log lines the pane lists, newest first.
    public var visibleLog: [AttemptRecord] {
        switch logScope {
        case .all: log.newestFirst
        case .selected: log.newestFirst(profile: selectedProfile?.name ?? "")
        }
    }
}
