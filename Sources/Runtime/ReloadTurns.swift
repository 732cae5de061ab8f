/// One reload at a time, in the order they were asked for: a SIGHUP and a socket `reload` that
/// arrive together must not apply an older read of the file after a newer one, nor interleave
/// their updates of `sinks.json`.
actor ReloadTurns {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Returns when it is the caller's turn; the caller must `leave()` afterwards.
    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the turn to the next caller waiting, if any.
    func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
