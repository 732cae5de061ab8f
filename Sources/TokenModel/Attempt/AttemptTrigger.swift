/// Why an attempt was made.
public enum AttemptTrigger: String, Sendable, Codable, Equatable {
    case initial, scheduled, retry, manual, check
}
