import Testing

@testable import Runtime

/// The commands that hold secrets make themselves non-dumpable. Applied to the test process
/// itself: it only lowers limits this process never needs.
@Suite struct CoreDumpGuardTests {
    @Test func afterApplyNoCoreIsWrittenAndTheProcessIsNotDumpable() {
        CoreDumpGuard.apply()
        #expect(CoreDumpGuard.coreLimit == 0)
        #if os(Linux)
            #expect(CoreDumpGuard.isDumpable == false)
        #endif
    }
}
