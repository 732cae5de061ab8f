import Testing

/// `tokentop sandbox` says where it listens and how many merchants it serves, in the singular
/// for one.
@Suite struct SandboxListeningLineTests {
    static func credentials(_ count: Int) -> String {
        (1...count).map { "- accessKey: AK-line-\($0)\n  secretKey: line-secret-\($0)\n" }.joined()
    }

    @Test(arguments: [(1, "(1 merchant)"), (2, "(2 merchants)")])
    func theLineCountsTheMerchants(count: Int, said: String) async throws {
        let scratch = try Scratch()
        let sandbox = try await SandboxProcess(
            credentialsFile: try scratch.write("credentials.yaml", Self.credentials(count)))
        defer { sandbox.stop() }
        #expect(sandbox.listening.hasSuffix(said), "\(sandbox.listening)")
    }
}
