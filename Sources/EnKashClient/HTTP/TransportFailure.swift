import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import TokenModel

/// Turns what AsyncHTTPClient and SwiftNIO throw into a `TransportError` an operator can act on.
/// Through a proxy, failures before the request head went out happened while reaching the proxy
/// or opening its tunnel: they name the proxy (by `label`, never its credentials).
struct TransportFailure {
    /// The request's whole timeout and when it runs out.
    var timeout: Duration
    var deadline: NIODeadline
    /// The caps on the answer's head and body, for the errors that name them.
    var headLimit: Int
    var bodyLimit: Int
    var proxy: ProxyServer?
    /// Whether the request head had gone to the connection when it failed.
    var requestHeadSent: Bool

    func error(for error: any Error) -> TransportError {
        if let transportError = error as? TransportError { return transportError }
        if let capped = error as? CappedAnswerCollector.CapExceeded {
            switch capped {
            case .body: return .bodyTooLarge(limit: bodyLimit)
            case .head: return .connection("response head larger than \(headLimit / 1024) KiB; refused")
            }
        }
        if error is CancellationError { return .connection("cancelled") }
        if let client = error as? HTTPClientError { return clientError(client) }
        if let detail = Self.connectDetail(error) {
            if let proxy, !requestHeadSent { return .connection("proxy \(proxy.label) is not reachable: \(detail)") }
            return .connection(requestHeadSent ? "connection lost: \(detail)" : "could not connect: \(detail)")
        }
        if let tls = Self.tlsDetail(error) { return .connection(tls + throughProxy) }
        if let parser = error as? HTTPParserError {
            if parser == .invalidEOFState {
                return .connection("the server closed the connection in the middle of the answer")
            }
            return .connection("malformed HTTP answer (\(parser))")
        }
        if let channel = error as? ChannelError, channel == .ioOnClosedChannel || channel == .eof {
            return .connection(closedText)
        }
        return .connection(Self.firstLine(error))
    }

    private func clientError(_ error: HTTPClientError) -> TransportError {
        switch error {
        case .cancelled:
            return .connection("cancelled")
        case .deadlineExceeded, .getConnectionFromPoolTimeout:
            return .timedOut(timeout)
        case .connectTimeout, .tlsHandshakeTimeout, .httpProxyHandshakeTimeout:
            if NIODeadline.now() >= deadline { return .timedOut(timeout) }
            if let proxy {
                return error == .httpProxyHandshakeTimeout
                    ? .connection("proxy \(proxy.label) did not open the tunnel in time (connect timeout)")
                    // AsyncHTTPClient's connect deadline covers the TCP connect and the tunnel alike.
                    : .connection("proxy \(proxy.label) did not connect or open the tunnel in time (connect timeout)")
            }
            return .connection(
                error == .tlsHandshakeTimeout
                    ? "the TLS handshake did not finish in time (connect timeout)"
                    : "could not connect in time (connect timeout)")
        case .proxyAuthenticationRequired:
            return .connection("proxy \(proxyLabel) refused the tunnel: 407 Proxy Authentication Required")
        case .invalidProxyResponse:
            // AsyncHTTPClient reports every other non-2xx answer to CONNECT (403, 5xx, ...) this way,
            // without the status.
            return .connection("proxy \(proxyLabel) refused the tunnel: it answered CONNECT with an error status")
        case .remoteConnectionClosed:
            return .connection(closedText)
        case .readTimeout, .writeTimeout:
            return .timedOut(timeout)
        case .alreadyShutdown:
            return .connection("the HTTP client is shut down")
        case .invalidURL, .emptyHost, .emptyScheme:
            return .connection("the URL has no usable host")
        case .bodyLengthMismatch:
            return .connection("the answer's body did not match its Content-Length")
        default:
            return .connection("HTTP client error: \(error.shortDescription)")
        }
    }

    private var proxyLabel: String { proxy?.label ?? "(none)" }

    private var throughProxy: String { proxy.map { " (through proxy \($0.label))" } ?? "" }

    /// The connection closed with no complete answer: before the request was sent through a proxy,
    /// the proxy closed it; otherwise the server did.
    private var closedText: String {
        if let proxy, !requestHeadSent { return "proxy \(proxy.label) closed the connection before the tunnel was up" }
        return "the server closed the connection before answering"
    }

    /// "connection refused", "network is unreachable", ... for an error of opening a TCP connection.
    static func connectDetail(_ error: any Error) -> String? {
        if let connection = error as? NIOConnectionError {
            if let first = connection.connectionErrors.first {
                return connectDetail(first.error) ?? firstLine(first.error)
            }
            if connection.dnsAError != nil || connection.dnsAAAAError != nil {
                return "cannot resolve host \(connection.host)"
            }
            return "no address for \(connection.host)"
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        if case ChannelError.connectTimeout = error { return "no connection in time (connect timeout)" }
        return nil
    }

    /// A TLS failure, with the library's reason (e.g. CERTIFICATE_VERIFY_FAILED).
    static func tlsDetail(_ error: any Error) -> String? {
        if let ssl = error as? NIOSSLError {
            switch ssl {
            case .handshakeFailed(let reason): return "TLS handshake failed: \(tlsReason(reason))"
            case .uncleanShutdown: return "the server ended TLS without closing it properly"
            default: return "TLS failed: \(firstLine(ssl))"
            }
        }
        if let extra = error as? NIOSSLExtraError { return "TLS certificate refused: \(firstLine(extra))" }
        if let boring = error as? BoringSSLError { return "TLS failed: \(firstLine(boring))" }
        return nil
    }

    /// BoringSSL's reason code (`CERTIFICATE_VERIFY_FAILED`, ...) with a word on the common ones,
    /// without the library's source path.
    static func tlsReason(_ error: any Error) -> String {
        let text = String(describing: error)
        guard let marker = text.range(of: "OPENSSL_internal:") else { return firstLine(error) }
        let code = String(text[marker.upperBound...].prefix { $0 != " " && $0 != "]" && $0 != "\n" })
        switch code {
        case "CERTIFICATE_VERIFY_FAILED": return "the server's certificate is not trusted (CERTIFICATE_VERIFY_FAILED)"
        case "WRONG_VERSION_NUMBER": return "the server does not speak TLS on this port (WRONG_VERSION_NUMBER)"
        default: return code
        }
    }

    static func firstLine(_ error: any Error) -> String {
        let text = String(describing: error)
        let line = text.split(separator: "\n").first.map(String.init) ?? text
        return String(line.prefix(300))
    }
}
