import Testing

@testable import Refresh

/// The one-shot signal that cancels a request in flight or a replaced timer, and nothing else.
@Suite struct CancelSignalTests {
    @Test func anOperationThatEndsFirstKeepsItsValue() async {
        let signal = CancelSignal()
        let value = await signal.race { Task.isCancelled ? -1 : 7 }
        #expect(value == 7)
        #expect(!signal.isFired)
    }

    @Test func firingCancelsTheOperationWhichStillReturnsItsValue() async {
        let signal = CancelSignal()
        async let raced = signal.race { () -> String in
            do {
                // Stands in for "forever": only the cancellation ends it.
                try await Task.sleep(for: .seconds(3600))
                return "slept"
            } catch {
                return "cancelled"
            }
        }
        signal.fire()
        #expect(await raced == "cancelled")
    }

    @Test func aSignalFiredBeforeTheRaceCancelsAtOnce() async {
        let signal = CancelSignal()
        signal.fire()
        let value = await signal.race { () -> Bool in
            (try? await Task.sleep(for: .seconds(3600))) != nil
        }
        #expect(value == false)
        await signal.wait()
    }
}
