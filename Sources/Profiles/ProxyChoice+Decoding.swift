import TokenModel
import Yams

extension ProxyChoice {
    static let keys = ["proxy", "proxyPassword"]
    static let proxyHint =
        "write `proxy: http://host:port` (a user as http://USER@host:port), or `proxy: none` to go direct"

    /// What `decode` found: the choice (nil when `proxy:` is not written or is wrong) and the
    /// `proxyPassword` node when it holds a literal (for the readable-file warning).
    struct Decoded {
        var choice: ProxyChoice?
        var literalPasswordNode: Node?
    }

    /// Reads `proxy:` and `proxyPassword:` of one mapping (a profile or `defaults`) and resolves
    /// the password reference. The pair belongs together: a `proxyPassword` needs a `proxy:` with
    /// a user beside it, and a user needs a `proxyPassword`.
    static func decode(
        from mapping: ConfigMapping, note: String, environment: [String: String], baseDirectory: String,
        log: inout DiagnosticLog
    ) -> Decoded {
        var decoded = Decoded()
        let proxyNode = mapping["proxy"]
        let passwordNode = mapping["proxyPassword"]
        let passwordField = mapping.fieldPath("proxyPassword")
        if let passwordNode, case .scalar = passwordNode, !ConfigValue.isNull(passwordNode) {
            decoded.literalPasswordNode = passwordNode
        }
        guard let proxyNode else {
            if let passwordNode {
                log.error(
                    passwordField, at: passwordNode, "proxyPassword without a `proxy:` beside it\(note)",
                    hint: "write `proxy: http://USER@host:port` in the same block (a proxyPassword goes with the "
                        + "proxy written next to it), or remove proxyPassword")
            }
            return decoded
        }
        let field = mapping.fieldPath("proxy")
        guard let text = ConfigValue.nonEmptyText(proxyNode, field: field, note: note, hint: proxyHint, log: &log)
        else { return decoded }
        if text.lowercased() == "none" {
            if let passwordNode {
                log.error(
                    passwordField, at: passwordNode, "`proxy: none` goes direct and takes no proxyPassword\(note)",
                    hint: "remove proxyPassword")
                return decoded
            }
            decoded.choice = .direct
            return decoded
        }
        var server: ProxyServer
        switch ProxyAddress.parse(text, rules: .profilesFile) {
        case .success(let parsed): server = parsed
        case .failure(let problem):
            log.error(field, at: proxyNode, "\(problem.message)\(note)", hint: problem.hint)
            return decoded
        }
        switch (server.username, passwordNode) {
        case (nil, nil):
            break
        case (nil, let passwordNode?):
            log.error(
                passwordField, at: passwordNode, "proxyPassword is given but the proxy URL names no user\(note)",
                hint: "put the user in the URL: `proxy: http://USER@\(server.label)`, or remove proxyPassword")
            return decoded
        case (let user?, nil):
            log.error(
                field, at: proxyNode, "the proxy URL names user '\(user)' but there is no proxyPassword\(note)",
                hint: "add `proxyPassword: {env: PROXY_PASSWORD}` (or {file: PATH}, {command: \"...\"}) beside it")
            return decoded
        case (_?, let passwordNode?):
            guard let reference = SecretReference.decode(passwordNode, field: passwordField, note: note, log: &log)
            else { return decoded }
            do {
                let resolved = try reference.resolveNotingExposure(
                    environment: environment, baseDirectory: baseDirectory)
                log.exposedSecretFile(passwordField, at: passwordNode, resolved.readableFile, note: note)
                server.password = resolved.secret
            } catch {
                log.error(passwordField, at: passwordNode, "\(error.message)\(note)", hint: error.hint)
                return decoded
            }
        }
        decoded.choice = .server(server)
        return decoded
    }
}
