import Foundation
import TokenModel
import Yams

/// The `environment` / `baseURL` pair of one mapping (a profile or `defaults`).
struct EndpointChoice {
    var environment: EnKashEnvironment?
    var baseURL: URL?
    var baseURLNode: Node?
    var baseURLField = ""
    /// Either key was written, valid or not.
    var given = false
    /// A key was written but is wrong (already reported).
    var invalid = false

    /// The URL to use: `baseURL` wins over the preset.
    var url: URL? { baseURL ?? environment.flatMap { URL(string: $0.baseURL) } }

    static let presetList = EnKashEnvironment.allCases.map(\.rawValue).joined(separator: ", ")

    static func decode(from mapping: ConfigMapping, note: String, log: inout DiagnosticLog) -> EndpointChoice {
        var choice = EndpointChoice()
        if let node = mapping["environment"] {
            choice.given = true
            let field = mapping.fieldPath("environment")
            let hint = "use one of: \(presetList), or give a baseURL"
            if let name = ConfigValue.nonEmptyText(node, field: field, note: note, hint: hint, log: &log) {
                if let preset = EnKashEnvironment(rawValue: name) ?? EnKashEnvironment(rawValue: name.lowercased()) {
                    choice.environment = preset
                } else {
                    let names = EnKashEnvironment.allCases.map(\.rawValue)
                    log.error(
                        field, at: node, "unknown environment '\(name)'\(DidYouMean.clause(name, from: names))\(note)",
                        hint: hint)
                    choice.invalid = true
                }
            } else {
                choice.invalid = true
            }
        }
        if let node = mapping["baseURL"] {
            choice.given = true
            choice.baseURLNode = node
            choice.baseURLField = mapping.fieldPath("baseURL")
            let hint = "write an absolute URL such as \(BaseURLRule.example)"
            if let text = ConfigValue.nonEmptyText(node, field: choice.baseURLField, note: note, hint: hint, log: &log)
            {
                switch BaseURLRule.parse(text) {
                case .success(let url): choice.baseURL = url
                case .failure(let problem):
                    log.error(choice.baseURLField, at: node, "\(problem.message)\(note)", hint: problem.hint)
                    choice.invalid = true
                }
            } else {
                choice.invalid = true
            }
        }
        return choice
    }
}
