import Foundation
import Testing

/// The example alert rules in `MetricsAndHealth.md` (between `<!-- alert-rules:begin -->` and
/// `<!-- alert-rules:end -->`): the real `promtool check rules` accepts them, they name only
/// series, labels and states a real daemon exports, and they fire on a real daemon's scrape as
/// they say. And every series a scrape shows is described in the article.
@Suite(.serialized) struct AlertRulesTests {
    static let promtool = "/usr/bin/promtool"
    static let article = "MetricsAndHealth.md"
    /// Labels Prometheus adds to every scraped series (and the histogram's bucket label).
    static let prometheusLabels: Set = ["job", "instance", "le"]
    /// PromQL words that are neither functions (followed by `(`) nor series.
    static let promQLKeywords: Set = ["and", "or", "unless", "bool", "offset", "inf", "nan"]

    let secret = "S3CRET-alerts-\(UUID().uuidString.prefix(8))"

    /// One sample line of a scrape: `name{label="value",...} value`.
    typealias Sample = (name: String, labels: [(name: String, value: String)], value: String)

    // MARK: The rules

    /// The YAML between the markers, without the code fence.
    static func rules() throws -> String {
        let lines = try CatalogSection.text("alert-rules", in: article).split(
            separator: "\n", omittingEmptySubsequences: false)
        return lines.filter { !$0.hasPrefix("```") }.joined(separator: "\n")
    }

    /// The PromQL of every rule. Each `expr:` is one line, so it can be read without a YAML parser.
    static func expressions(_ rules: String) throws -> [String] {
        let exprs = rules.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("expr:") else { return nil }
            return trimmed.dropFirst("expr:".count).trimmingCharacters(in: .whitespaces)
        }
        for expr in exprs where expr.isEmpty || expr.hasPrefix("|") || expr.hasPrefix(">") {
            throw TestFailure("write each expr on one line (found a block scalar: \(expr))")
        }
        return exprs
    }

    /// The rules without their `annotations:` blocks: `promtool test rules` compares annotations
    /// too, and these tests are about which alerts fire with which labels.
    static func withoutAnnotations(_ rules: String) -> String {
        var kept: [Substring] = []
        var skipDeeperThan: Int?
        for line in rules.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            if let limit = skipDeeperThan {
                if line.trimmingCharacters(in: .whitespaces).isEmpty || indent > limit { continue }
                skipDeeperThan = nil
            }
            if line.trimmingCharacters(in: .whitespaces) == "annotations:" {
                skipDeeperThan = indent
                continue
            }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    static func matches(_ pattern: String, in text: String) throws -> [[String]] {
        let regex = try NSRegularExpression(pattern: pattern)
        let whole = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: whole).map { match in
            (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    /// What one expression names: series, label names, and the values its label matchers accept
    /// (`state=~"a|b"` gives `a` and `b`).
    static func names(in expr: String) throws -> (
        series: Set<String>, labels: Set<String>, values: [String: Set<String>]
    ) {
        var labels: Set<String> = []
        var values: [String: Set<String>] = [:]
        for selector in try matches(#"\{([^}]*)\}"#, in: expr) {
            for matcher in try matches(#"([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"([^"]*)""#, in: selector[1]) {
                labels.insert(matcher[1])
                values[matcher[1], default: []].formUnion(matcher[3].split(separator: "|").map(String.init))
            }
        }
        var rest = expr
        for pattern in [#""[^"]*""#, #"\{[^}]*\}"#, #"\[[^\]]*\]"#] {
            rest = rest.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        for grouping in try matches(#"\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)"#, in: rest) {
            labels.formUnion(
                grouping[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            )
        }
        rest = rest.replacingOccurrences(
            of: #"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)"#, with: " ",
            options: .regularExpression)
        var series: Set<String> = []
        for word in try matches(#"(?<![A-Za-z0-9_.:])([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?"#, in: rest) {
            let isFunction = !word[2].isEmpty
            if isFunction || promQLKeywords.contains(word[1].lowercased()) { continue }
            series.insert(word[1])
        }
        return (series, labels, values)
    }

    // MARK: A real daemon

    /// Sample lines of a scrape.
    static func samples(_ scrape: String) throws -> [Sample] {
        try scrape.metricSamples.map { line in
            guard let nameEnd = line.firstIndex(where: { $0 == "{" || $0 == " " }),
                let valueStart = line.lastIndex(of: " ")
            else { throw TestFailure("not a sample line: \(line)") }
            let labelText = line[nameEnd..<valueStart]
            let labels = try matches(#"([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)""#, in: String(labelText)).map {
                (name: $0[1], value: $0[2])
            }
            return (
                name: String(line[..<nameEnd]), labels: labels, value: String(line[line.index(after: valueStart)...])
            )
        }
    }

    /// A daemon refreshing `alpha` (good credentials) and `refused` (a wrong secret) against a
    /// sandbox, scraped once alpha holds a token and refused has been rejected.
    func scrapeARealDaemon() async throws -> String {
        let scratch = try Scratch()
        let credentials = """
            - accessKey: AK-alerts-a
              secretKey: \(secret)
              lifetime: 3600s
            """
        let sandbox = try await SandboxProcess(credentialsFile: try scratch.write("credentials.yaml", credentials))
        defer { sandbox.stop() }
        let profiles = """
            defaults:
              baseURL: \(sandbox.baseURL)
            profiles:
              - name: alpha
                accessKey: AK-alerts-a
                secretKey: \(secret)
              - name: refused
                accessKey: AK-alerts-a
                secretKey: not-the-right-secret

            """
        let config = try scratch.write("profiles.yaml", profiles)
        let daemon = try await DaemonProcess(config: config, log: scratch.path + "/results.jsonl", scratch: scratch)
        defer { daemon.stop() }
        var scrape = ""
        let settled = try await daemon.wait(upTo: 20) {
            scrape = try daemon.metrics()
            return scrape.contains(#"tokentop_profile_state{profile="alpha",state="valid"} 1.0"#)
                && scrape.contains(#"tokentop_profile_state{profile="refused",state="rejected"} 1.0"#)
                && scrape.contains(#"tokentop_last_success_timestamp_seconds{profile="alpha"}"#)
        }
        #expect(settled, "\(scrape)\n\(daemon.printed.joined(separator: "\n"))")
        #expect(!scrape.contains(secret))
        return scrape
    }

    // MARK: Tests

    @Test func promtoolChecksTheRules() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.promtool), "promtool is missing (package prometheus)")
        let rules = try Self.rules()
        let count = rules.split(separator: "\n").filter {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("- alert:")
        }.count
        #expect(count >= 5, "\(rules)")
        let scratch = try Scratch()
        let path = try scratch.write("tokentop-rules.yaml", rules, mode: 0o644)
        let result = try await Binary.run(["check", "rules", path], executable: Self.promtool)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("SUCCESS: \(count) rules found"), "\(result.stdout)\(result.stderr)")
    }

    @Test func theRulesNameOnlySeriesLabelsAndStatesTheDaemonExports() async throws {
        let samples = try Self.samples(try await scrapeARealDaemon())
        let exported = Set(samples.map(\.name))
        let exportedLabels = Set(samples.flatMap { $0.labels.map(\.name) }).union(Self.prometheusLabels)
        var exportedValues: [String: Set<String>] = [:]
        for sample in samples {
            for label in sample.labels { exportedValues[label.name, default: []].insert(label.value) }
        }
        let expressions = try Self.expressions(try Self.rules())
        #expect(!expressions.isEmpty)
        for expr in expressions {
            let named = try Self.names(in: expr)
            #expect(!named.series.isEmpty, "\(expr) names no series")
            for series in named.series {
                #expect(
                    exported.contains(series),
                    "\(expr): \(series) is not a series the daemon exports: \(exported.sorted())")
            }
            for label in named.labels {
                #expect(exportedLabels.contains(label), "\(expr): no series has the label \(label)")
            }
            // Every state a rule matches is one the daemon writes (all of them, for every profile).
            for value in named.values["state"] ?? [] {
                #expect(exportedValues["state"]?.contains(value) == true, "\(expr): no state \(value)")
            }
            for value in named.values["outcome"] ?? [] {
                #expect(["success", "transient", "rejected"].contains(value), "\(expr): no outcome \(value)")
            }
        }
    }

    /// The real scrape, as it stands, fed to `promtool test rules` for 40 minutes: only the
    /// refused profile raises an alert (alpha's token is valid, the daemon is there). With no
    /// series at all, only `TokentopDown` fires.
    @Test func theRulesFireOnARealScrapeOnlyForTheRefusedProfile() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.promtool), "promtool is missing (package prometheus)")
        let samples = try Self.samples(try await scrapeARealDaemon())
        let rules = try Self.rules()
        let alerts = try Self.matches(#"- alert:\s*([A-Za-z0-9_]+)"#, in: rules).map { $0[1] }
        for expected in ["TokentopDown", "TokentopProfileRejected", "TokentopProfileWithoutValidToken"] {
            #expect(alerts.contains(expected), "\(alerts)")
        }
        let series = samples.map { sample in
            let labels = [("job", "tokentop"), ("instance", "daemon")] + sample.labels.map { ($0.name, $0.value) }
            let text = labels.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: ",")
            return "      - series: '\(sample.name){\(text)}'\n        values: '\(sample.value)+0x40'"
        }
        func expectations(_ firing: [String: String]) -> String {
            alerts.map { alert in
                guard let labels = firing[alert] else {
                    return "      - eval_time: 30m\n        alertname: \(alert)\n        exp_alerts: []"
                }
                return
                    "      - eval_time: 30m\n        alertname: \(alert)\n        exp_alerts:\n          - exp_labels: {\(labels)}"
            }.joined(separator: "\n")
        }
        let tests = """
            rule_files:
              - rules.yaml
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
            \(series.joined(separator: "\n"))
                alert_rule_test:
            \(expectations(["TokentopProfileRejected": #"severity: critical, job: tokentop, instance: daemon, profile: refused, state: rejected"#]))
              - interval: 1m
                input_series: []
                alert_rule_test:
            \(expectations(["TokentopDown": "severity: critical, job: tokentop"]))

            """
        let scratch = try Scratch()
        _ = try scratch.write("rules.yaml", Self.withoutAnnotations(rules), mode: 0o644)
        let path = try scratch.write("tests.yaml", tests, mode: 0o644)
        let result = try await Binary.run(["test", "rules", path], executable: Self.promtool)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)\n\(tests)")
        #expect(result.stdout.contains("SUCCESS"), "\(result.stdout)\(result.stderr)")
    }

    @Test func everySeriesAScrapeShowsIsInTheArticle() async throws {
        let scrape = try await scrapeARealDaemon()
        let samples = try Self.samples(scrape)
        let article = try DocumentationFiles.text(DocumentationFiles.catalog + "/" + Self.article)
        let documented = article.split(separator: "\n").filter { !$0.hasPrefix("tokentop_") && !$0.hasPrefix("#") }
            .joined(separator: "\n")
        for name in Set(samples.map(\.name)) {
            #expect(documented.contains("`\(name)`"), "\(Self.article) does not name \(name)")
        }
        // Each family's row in the series table names its type and every label its samples carry.
        let families = try Self.matches(#"(?m)^# TYPE ([A-Za-z_:][A-Za-z0-9_:]*) ([a-z]+)$"#, in: scrape)
        #expect(families.count == 5, "\(scrape)")
        for family in families {
            let row = try #require(
                article.split(separator: "\n").first { $0.hasPrefix("| `\(family[1])` |") },
                "no table row for \(family[1])")
            #expect(row.contains("| \(family[2]) |"), "\(row) should say \(family[2])")
            let labels = Set(samples.filter { $0.name.hasPrefix(family[1]) }.flatMap { $0.labels.map(\.name) })
            for label in labels where label != "le" {
                #expect(row.contains("`\(label)`"), "\(row) should name the label \(label)")
            }
        }
        // So do the values of the state label.
        for state in Set(samples.flatMap { $0.labels.filter { $0.name == "state" }.map(\.value) }) {
            #expect(article.contains("`\(state)`"), "\(Self.article) does not name the state \(state)")
        }
    }
}
