extension AttemptRecord {
    /// One attempt in words, the same in every human output (the daemon's log line, `check`,
    /// `/healthz`, the dashboard): what happened, then the answer's status and code in parentheses,
    /// then the server's own words after a colon:
    ///
    ///     credentials refused (HTTP 401, resultCode 1001): Invalid accessKey or secretKey.
    ///     rate limited (HTTP 429); Retry-After 5s
    ///     no complete answer within 10s (timeout)
    ///
    /// `headline` replaces what happened (the success line puts its expiry there). A part already
    /// in the headline (`HTTP 503` in an older record's error) is not repeated; a hint after the
    /// headline's first `; ` stays after the parentheses. Not escaped: output boundaries do that.
    public func summary(headline: String? = nil) -> String {
        let what = headline ?? error ?? defaultHeadline
        var head = what
        var tail = ""
        if headline == nil, let split = what.range(of: "; ") {
            head = String(what[..<split.lowerBound])
            tail = String(what[split.lowerBound...])
        }
        var details: [String] = []
        if let httpStatus, !what.contains("HTTP \(httpStatus)") { details.append("HTTP \(httpStatus)") }
        if let resultCode, !what.contains("resultCode \(resultCode)") { details.append("resultCode \(resultCode)") }
        var text = head
        if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        text += tail
        if let message = serverMessage { text += ": " + message }
        return text
    }

    /// Our words and the server's, without status and code: for tables whose other columns show
    /// those and the outcome (the dashboard's log pane).
    public var shortSummary: String {
        switch (error, serverMessage) {
        case (let what?, let message?): return "\(what): \(message)"
        case (let what?, nil): return what
        case (nil, let message?): return message
        case (nil, nil): return defaultHeadline
        }
    }

    /// The server's `resultMessage`, trimmed; nil when it sent none or only spaces.
    public var serverMessage: String? {
        guard let message = resultMessage?.trimmedWhitespace, !message.isEmpty else { return nil }
        return message
    }

    private var defaultHeadline: String {
        switch outcome {
        case .success: "token issued"
        case .rejected: "credentials refused"
        case .transient: "request failed"
        }
    }
}
