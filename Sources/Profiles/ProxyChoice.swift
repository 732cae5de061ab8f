import TokenModel

/// What a `proxy:` line in the profiles file chose: go direct (`none`) or through a proxy.
enum ProxyChoice: Sendable, Equatable {
    case direct
    case server(ProxyServer)

    var server: ProxyServer? {
        if case .server(let server) = self { return server }
        return nil
    }
}
