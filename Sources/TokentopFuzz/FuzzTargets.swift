import EnKashClient
import Foundation
import Profiles
import TokenModel

/// What the fuzzer feeds, and what must hold for every input (besides not crashing).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `ResponseClassifier` on a mutated token-endpoint answer (status and headers varied too).
    case response
    /// `ProfilesLoader.parse` on a mutated profiles file.
    case profiles

    /// Valid inputs the mutations start from.
    public var seeds: [[UInt8]] {
        switch self {
        case .response:
            [
                #"{"token":"eyJhbGciOi.abc.def","expiry":1800000300000,"resultCode":0,"resultMessage":"Token generated successfully."}"#,
                #"{"resultCode":1001,"resultMessage":"Invalid accessKey or secretKey."}"#,
                #"{"token":"t","expiry":1800000300,"resultCode":"0"}"#,
                #"<html><body><h1>502 Bad Gateway</h1></body></html>"#,
                #"{"data":{"token":"nested"},"expiry":null}"#,
            ].map { Array($0.utf8) }
        case .profiles:
            [
                """
                concurrency: 8
                defaults:
                  environment: cards-uat
                  refresh: {before: 2m, timeout: 10s}
                profiles:
                  - name: acme-uat
                    merchant: Acme Retail
                    accessKey: AK-acme
                    secretKey: {env: FUZZ_SECRET}
                    tags: [retail, uat]
                    sink: {path: /nonexistent/acme.token, format: json, mode: "0640"}
                  - name: zen
                    baseURL: https://pay.enkash.in
                    accessKey: ZEN
                    secretKey: literal-secret
                    headers: {API-Key: k}
                    enabled: false
                """,
                "profiles:\n  - name: a\n    baseURL: http://127.0.0.1:9\n    accessKey: A\n    secretKey: {file: /dev/null}\n",
                // Unitless and edge-sized durations (a bare 1e10 once trapped).
                "profiles:\n  - name: d\n    baseURL: http://127.0.0.1:9\n    accessKey: A\n    secretKey: s\n    refresh: {before: 90, timeout: 9.2e9}\n",
            ].map { Array($0.utf8) }
        }
    }

    /// Runs one input; returns a short, stable name of what happened (for counting distinct
    /// outcomes), or a `Violation` when an invariant failed.
    public func run(_ bytes: [UInt8], variant: Int) -> Result<String, Violation> {
        switch self {
        case .response: Self.response(bytes, variant: variant)
        case .profiles: Self.profiles(bytes)
        }
    }

    public struct Violation: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    static let statuses = [200, 201, 204, 302, 400, 401, 403, 408, 429, 500, 502, 503, 599, 99]
    static let headerSets: [[HeaderField]] = [
        [],
        [HeaderField(name: "Date", value: "Wed, 25 Nov 2026 01:00:00 GMT")],
        [HeaderField(name: "Retry-After", value: "5")],
        [HeaderField(name: "Retry-After", value: "-1"), HeaderField(name: "Date", value: "garbage")],
        [HeaderField(name: "Retry-After", value: "99999999999999999999")],
        [HeaderField(name: "Location", value: "/api/v0/merchant/token")],
    ]

    static func response(_ bytes: [UInt8], variant: Int) -> Result<String, Violation> {
        let status = statuses[variant % statuses.count]
        let headers = headerSets[(variant / statuses.count) % headerSets.count]
        let started = Date(timeIntervalSince1970: 1_800_000_000)
        let finished = started.addingTimeInterval(0.05)
        let result = ResponseClassifier().classify(
            TransportResponse(status: status, headers: headers, body: bytes), profile: "fuzz", trigger: .check,
            startedAt: started, finishedAt: finished)
        let record = result.record
        switch record.outcome {
        case .success:
            guard let token = result.token else { return .failure(Violation(description: "success without a token")) }
            guard (200..<300).contains(status) else {
                return .failure(Violation(description: "success on HTTP \(status)"))
            }
            guard token.expiresAt > finished else {
                return .failure(Violation(description: "success with a token already expired"))
            }
            guard !token.value.reveal().isEmpty else {
                return .failure(Violation(description: "success with an empty token"))
            }
        case .transient, .rejected:
            guard result.token == nil else {
                return .failure(Violation(description: "a token on \(record.outcome.rawValue)"))
            }
            guard let error = record.error, !error.isEmpty else {
                return .failure(Violation(description: "\(record.outcome.rawValue) without a reason"))
            }
        }
        if let retryAfter = record.retryAfter, retryAfter < .zero {
            return .failure(Violation(description: "negative Retry-After \(retryAfter)"))
        }
        return .success("\(status) \(record.outcome.rawValue)")
    }

    static func profiles(_ bytes: [UInt8]) -> Result<String, Violation> {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let set = try ProfilesLoader.parse(
                yaml: text, file: "fuzz.yaml", baseDirectory: "/nonexistent", environment: ["FUZZ_SECRET": "s"])
            let names = set.profiles.map(\.name)
            guard Set(names).count == names.count else {
                return .failure(Violation(description: "duplicate names accepted"))
            }
            return .success("valid \(set.profiles.count)")
        } catch {
            guard !error.diagnostics.isEmpty else {
                return .failure(Violation(description: "an error without a diagnostic"))
            }
            for diagnostic in error.diagnostics where diagnostic.file != "fuzz.yaml" || diagnostic.message.isEmpty {
                return .failure(Violation(description: "a diagnostic without its file or message: \(diagnostic)"))
            }
            // Coarse on purpose (mutants invent key names): where the first error is, and how many.
            let field = error.diagnostics.first?.field ?? ""
            let area =
                ["profiles", "defaults", "concurrency"].first { field.hasPrefix($0) }
                ?? (field.isEmpty ? "file" : "other")
            let leaf = field.split(separator: ".").last.map { String($0.prefix { $0 != "[" }) } ?? ""
            let known = ProfilesDecoderKeys.all.contains(leaf) ? leaf : "?"
            return .success("error \(area).\(known) x\(min(error.diagnostics.count, 5))")
        }
    }
}

/// The profiles file's key names, to tell a known field from a mutant's invented one.
enum ProfilesDecoderKeys {
    static let all: Set<String> = [
        "profiles", "defaults", "concurrency", "name", "merchant", "accessKey", "secretKey", "environment", "baseURL",
        "headers", "refresh", "before", "timeout", "enabled", "tags", "allowInsecureHTTP", "sink", "path", "format",
        "mode",
        "onRefresh", "command", "env", "file",
    ]
}
