#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's open-file limit: the control server sizes its connection cap by it, and the
/// daemon and the refreshing dashboard raise the soft limit to the hard one at start, so socket
/// clients, token requests and sink writes have as many descriptors as the system lets this
/// user have.
public enum DescriptorLimit {
    /// The soft and hard `RLIMIT_NOFILE`, or nil when they cannot be read.
    public static func current() -> (soft: UInt64, hard: UInt64)? {
        var limit = rlimit()
        guard getrlimit(resourceLimit, &limit) == 0 else { return nil }
        return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
    }

    /// Raises the soft limit to the hard one; returns the soft limit in force afterwards (nil
    /// when it cannot be read). A refusal leaves the limit as it was.
    @discardableResult
    public static func raiseToHard() -> UInt64? {
        var limit = rlimit()
        guard getrlimit(resourceLimit, &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(resourceLimit, &raised) != 0 {
                #if canImport(Darwin)
                    // macOS refuses more than OPEN_MAX for an unlimited hard limit.
                    raised.rlim_cur = min(limit.rlim_max, rlim_t(OPEN_MAX))
                    _ = setrlimit(resourceLimit, &raised)
                #endif
            }
        }
        return current()?.soft
    }

    #if canImport(Glibc)
        private static let resourceLimit = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
        private static let resourceLimit = RLIMIT_NOFILE
    #endif
}
