import Testing

/// The dashboard's bell flags on the command line.
@Suite struct BellFlagsTests {
    @Test func visualBellAndNoBellTogetherAreRefused() async throws {
        let output = try await Binary.run(["--demo", "--visual-bell", "--no-bell"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--visual-bell flashes, --no-bell keeps quiet: pick one"), "\(output.stderr)")
    }
}
