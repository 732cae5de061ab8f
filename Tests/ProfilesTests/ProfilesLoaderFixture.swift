import Foundation
import Testing

@testable import BlockingThreads
@testable import Profiles
@testable import TokenModel

/// Fake credentials only: nothing here is a real key.
let fakeEnvironment = [
    "PATH": "/usr/bin:/bin", "HOME": "/home/fake",
    "ACCESS_A": "fake-access-aaaa", "SECRET_A": "fake-secret-a",
    "ACCESS_B": "fake-access-bbbb", "SECRET_B": "fake-secret-b",
]

func load(
    _ yaml: String, environment: [String: String] = fakeEnvironment, mode: mode_t? = nil, strict: Bool = false,
    base: String = "/nonexistent"
) throws(ConfigError) -> ProfileSet {
    try ProfilesLoader.parse(
        yaml: yaml, file: "profiles.yaml", baseDirectory: base, environment: environment, fileMode: mode,
        strict: strict)
}

/// The diagnostics of a file that must fail to load.
func diagnostics(
    _ yaml: String, environment: [String: String] = fakeEnvironment, mode: mode_t? = nil, strict: Bool = false,
    base: String = "/nonexistent"
) -> [ConfigDiagnostic] {
    do {
        let set = try load(yaml, environment: environment, mode: mode, strict: strict, base: base)
        Issue.record("expected errors, loaded \(set.profiles.count) profiles")
        return []
    } catch {
        return error.diagnostics
    }
}

/// `{command:}` secrets block the loading thread while swift-subprocess runs them on the
/// cooperative threads: files with them are loaded on a thread of their own, as tokentop does.
func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await BlockingWork.run(body)
}

/// The single error diagnostic of a file with exactly one problem.
func single(_ yaml: String, environment: [String: String] = fakeEnvironment) -> ConfigDiagnostic? {
    let found = diagnostics(yaml, environment: environment).filter { $0.severity == .error }
    #expect(found.count == 1, "\(found.map(\.description))")
    return found.first
}
