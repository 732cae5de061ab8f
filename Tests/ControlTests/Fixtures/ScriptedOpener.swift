@testable import Control

/// Answers each call to open the reserve from a script: nil opens /dev/null, a negative number
/// is minus the errno of a failure. Used on the test's one thread only.
final class ScriptedOpener {
    private var script: [Int32?]
    private(set) var calls = 0

    init(_ script: [Int32?]) { self.script = script }

    func next() -> Int32 {
        calls += 1
        let step = script.isEmpty ? nil : script.removeFirst()
        if let failure = step { return failure }
        return AcceptReserve.openNull()
    }
}
