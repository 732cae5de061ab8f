import TokenModel

extension SandboxCredential {
    /// One line describing how the sandbox treats this key, e.g.
    /// `lifetime 5m · latency 1.5s..3s · fails 40%`. Never includes the secret.
    public func behaviourSummary(defaultLifetime: Duration = .seconds(300)) -> String {
        var parts = ["lifetime \(DurationText.format(lifetime ?? defaultLifetime))"]
        if let latency { parts.append("latency \(latency)") }
        if failRate > 0 { parts.append("fails \(percent(failRate))") }
        if rateLimitRate > 0 {
            parts.append("429 \(percent(rateLimitRate)) (Retry-After \(DurationText.format(retryAfter)))")
        }
        if hangRate > 0 { parts.append("hangs \(percent(hangRate))") }
        if malformedRate > 0 { parts.append("bad JSON \(percent(malformedRate))") }
        if skew != .zero {
            let sign = skew < .zero ? "-" : "+"
            parts.append("clock \(sign)\(DurationText.format(skew < .zero ? .zero - skew : skew))")
        }
        if expiryInSeconds { parts.append("expiry in seconds") }
        if locked { parts.append("locked") }
        if let lockAfter { parts.append("locks after \(lockAfter) bad secrets") }
        return parts.joined(separator: " · ")
    }

    private func percent(_ rate: Double) -> String {
        "\(Int((rate * 100).rounded()))%"
    }
}
