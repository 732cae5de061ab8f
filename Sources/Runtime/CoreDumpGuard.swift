import CProcessGuard

/// Keeps secrets out of core dumps: the commands that hold secrets (daemon, dashboard, check,
/// validate) call `apply()` first. The core size limit becomes 0 and, on Linux, the process is
/// marked non-dumpable, which also keeps other processes of the same user from attaching to it
/// (ptrace) or reading its memory. Programs it starts (hooks, secret commands) get the kernel's
/// usual dumpable flag again at their `exec`; the core limit of 0 is inherited.
public enum CoreDumpGuard {
    /// Sets `RLIMIT_CORE` to 0 (soft and hard) and `PR_SET_DUMPABLE` to 0. The results are
    /// ignored: a process may always lower its own limits and flag.
    public static func apply() {
        _ = tt_set_no_core()
        _ = tt_set_not_dumpable()
    }

    /// The core size limit (soft): nil when unlimited or unreadable.
    public static var coreLimit: Int64? {
        let value = tt_core_limit()
        return value < 0 ? nil : Int64(value)
    }

    /// Whether the kernel would write a core for this process; nil where that cannot be asked.
    public static var isDumpable: Bool? {
        let value = tt_get_dumpable()
        return value < 0 ? nil : value != 0
    }
}
