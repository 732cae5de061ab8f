/// The soak's checks, each passed or failed with the figures behind it.
public struct SoakVerdict: Sendable {
    public struct Check: Sendable {
        public var name: String
        public var passed: Bool
        public var detail: String

        public init(name: String, passed: Bool, detail: String) {
            self.name = name
            self.passed = passed
            self.detail = detail
        }
    }

    public var checks: [Check] = []

    public init() {}

    public mutating func add(_ name: String, _ passed: Bool, _ detail: String) {
        checks.append(Check(name: name, passed: passed, detail: detail))
    }

    public var passed: Bool { checks.allSatisfy(\.passed) }

    /// One line per check: `PASS name: detail`.
    public var lines: [String] { checks.map { "\($0.passed ? "PASS" : "FAIL") \($0.name): \($0.detail)" } }
}
