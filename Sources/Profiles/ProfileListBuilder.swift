import Foundation
import TokenModel
import Yams

/// Turns the items of the `profiles:` list into `Profile`s one at a time, with the checks that
/// span items (duplicate names, shared sinks).
struct ProfileListBuilder {
    let context: ProfileEntry.Context
    private(set) var profiles: [Profile] = []
    /// The first `secretKey` written as a literal, with its field path (for the permission warning).
    private(set) var firstLiteralSecret: (node: Node, field: String)?
    private var firstLineOfName: [String: Int] = [:]
    private var sinkOwners: [String: (profile: String, line: Int)] = [:]
    /// Proxy environment variables already reported as unusable (each is reported once).
    private var reportedProxyVariables: Set<String> = []
    // One URL per distinct base URL: a parsed URL is a few hundred bytes, and large files
    // repeat the same one in every profile.
    private var baseURLs: [URL: URL] = [:]

    init(context: ProfileEntry.Context) { self.context = context }

    mutating func reserve(_ count: Int) { profiles.reserveCapacity(count) }

    /// Decodes item `index` of the list, logging its problems.
    mutating func add(_ item: Node, index: Int, log: inout DiagnosticLog) {
        let entry = ProfileEntry.decode(item, index: index, context: context, log: &log)
        if let name = entry.name, let nameNode = entry.nameNode {
            if let firstLine = firstLineOfName[name] {
                log.error(
                    "profiles[\(index)].name", at: nameNode,
                    "duplicate profile name '\(name)' (first used on line \(firstLine))",
                    hint: "give every profile a unique name")
            } else {
                firstLineOfName[name] = nameNode.mark?.line ?? 0
            }
        }
        if let sink = entry.sinkPath {
            let field = "profiles[\(index)].sink.path"
            if let owner = sinkOwners[sink.path] {
                log.error(
                    field, at: sink.node,
                    "sink \(sink.path) is also the sink of profile '\(owner.profile)' (line \(owner.line))",
                    hint: "give every profile its own sink file; two writers would overwrite each other's token")
            } else {
                sinkOwners[sink.path] = (entry.name ?? "?", sink.node.mark?.line ?? 0)
            }
        }
        if firstLiteralSecret == nil, let secret = entry.literalSecret {
            firstLiteralSecret = (secret.node, "profiles[\(index)].\(secret.key)")
        }
        if let problem = entry.proxyProblem, reportedProxyVariables.insert(problem.variable).inserted {
            let note = entry.name.map { " (profile \"\($0)\" and every other profile that uses it)" } ?? ""
            log.error("profiles[\(index)]", at: entry.nameNode ?? item, "\(problem.message)\(note)", hint: problem.hint)
        }
        if var profile = entry.profile {
            if let shared = baseURLs[profile.baseURL] {
                profile.baseURL = shared
            } else {
                baseURLs[profile.baseURL] = profile.baseURL
            }
            profiles.append(profile)
        }
    }
}
