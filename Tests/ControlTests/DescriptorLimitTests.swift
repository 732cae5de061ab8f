import Testing

@testable import Control

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct DescriptorLimitTests {
    @Test func raisesTheSoftLimitToTheHardOne() throws {
        let before = try #require(DescriptorLimit.current())
        // The test runner's own limit: put back as it was, whatever happens here.
        defer {
            var restored = rlimit()
            #if canImport(Glibc)
                let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
            #else
                let resource = RLIMIT_NOFILE
            #endif
            if getrlimit(resource, &restored) == 0 {
                restored.rlim_cur = rlim_t(before.soft)
                _ = setrlimit(resource, &restored)
            }
        }
        // Lower the soft limit by one (harmless to the tests running beside this one), so
        // there is something to raise.
        var lowered = rlimit()
        #if canImport(Glibc)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
            let resource = RLIMIT_NOFILE
        #endif
        #expect(getrlimit(resource, &lowered) == 0)
        lowered.rlim_cur = rlim_t(before.hard - 1)
        #expect(setrlimit(resource, &lowered) == 0)
        #expect(DescriptorLimit.current()?.soft == before.hard - 1)

        let raised = DescriptorLimit.raiseToHard()
        #expect(raised == before.hard)
        #expect(DescriptorLimit.current()?.soft == before.hard)
        #expect(DescriptorLimit.current()?.hard == before.hard)
    }
}
