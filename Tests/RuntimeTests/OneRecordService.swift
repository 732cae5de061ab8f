import Foundation
import TokenModel

/// A `TokenService` whose refreshes all get one record, ended `ago` seconds before: reused (as
/// the rate limit answers) or not.
struct OneRecordService: TokenService {
    var reused: Bool
    var ago: TimeInterval = 3

    func snapshot() async -> [ProfileStatus] { [] }
    func events() async -> AsyncStream<AuthEvent> { AsyncStream { $0.finish() } }
    func refresh(_ name: String, force: Bool) async throws -> AttemptRecord? {
        try await refreshAnswer(name, force: force)?.record
    }
    func refreshAnswer(_ name: String, force: Bool) async throws -> RefreshAnswer? {
        let record = AttemptRecord(
            profile: name, trigger: .manual, startedAt: Date().addingTimeInterval(-ago), outcome: .success)
        return RefreshAnswer(record: record, reusedWithin: reused ? .seconds(5) : nil)
    }
    func refreshAll(includeRejected: Bool) async throws -> [String] { [] }
    func togglePause(_ name: String) async throws {}
    func pause(_ name: String) async throws {}
    func resume(_ name: String) async throws {}
    func reload() async throws -> ReloadSummary? { nil }
    func token(for name: String) async -> IssuedToken? { nil }
}
