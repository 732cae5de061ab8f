import Foundation

extension PtyProcess {
    /// Sleeps in poll() until the program writes something (then reads it) or `deadline` passes.
    /// Returns the instant poll() saw output, or nil on timeout or when the terminal closed.
    func nextOutput(before deadline: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        while master >= 0 {
            let now = ContinuousClock.now
            guard now < deadline else { return nil }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(1000, max(1, (deadline - now).wholeMilliseconds))))
            if ready > 0 {
                let seen = ContinuousClock.now
                if drain() > 0 { return seen }
            }
        }
        return nil
    }

    /// Reads until the program has been silent for `silence` (at most `limit`); true if it went quiet.
    @discardableResult
    func waitForQuiet(_ silence: Duration, limit: Duration = .seconds(3)) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if nextOutput(before: min(deadline, .now + silence)) == nil { return true }
        }
        return false
    }

    /// Reads until the captured output contains `marker` (true) or `limit` passes (false).
    func waitFor(_ marker: String, limit: Duration) -> ContinuousClock.Instant? {
        let bytes = Array(marker.utf8)
        let deadline = ContinuousClock.now + limit
        var searchedUpTo = 0
        while true {
            if captured.firstRange(of: bytes, from: searchedUpTo) != nil { return .now }
            searchedUpTo = max(0, captured.count - bytes.count)
            guard nextOutput(before: deadline) != nil else { return nil }
        }
    }
}
