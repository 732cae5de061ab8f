import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What became of a child process a test started.
public enum ChildProcess {
    /// True once `pid` has exited (gone, or a zombie waiting for a parent that does not reap).
    public static func isGone(_ pid: Int32) -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .seconds(5))
        while ContinuousClock.now < deadline {
            if kill(pid, 0) != 0 { return true }
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")"),
                stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
            {
                return true
            }
            usleep(10_000)
        }
        return false
    }
}
