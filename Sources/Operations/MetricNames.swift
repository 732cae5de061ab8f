/// The Prometheus series tokentop exports. Labels are only `profile`, `state`, `outcome` and
/// `result_code`: never a token, fingerprint, access key or secret.
public enum MetricNames {
    public static let tokenExpirySeconds = "tokentop_token_expiry_seconds"
    public static let profileState = "tokentop_profile_state"
    public static let refreshAttempts = "tokentop_refresh_attempts_total"
    public static let refreshLatency = "tokentop_refresh_latency_seconds"
    public static let lastSuccessTimestamp = "tokentop_last_success_timestamp_seconds"

    static let help: [String: String] = [
        tokenExpirySeconds:
            "Seconds until the profile's current token expires (negative once expired); absent without a token.",
        profileState: "1 for the profile's current state, 0 for the others.",
        refreshAttempts: "Token requests finished, by outcome (success, transient, rejected) and EnKash resultCode.",
        refreshLatency: "Time from sending a token request to its answer or failure.",
        lastSuccessTimestamp: "Unix time of the profile's last successful token request.",
    ]
}
