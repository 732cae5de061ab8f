import Foundation
import NIOSSL

/// A self-signed certificate for 127.0.0.1 and localhost, made by the openssl command for one
/// test, and the server TLS context that presents it. The files are removed when it is dropped.
final class ThrowawayCertificate {
    let certificate: NIOSSLCertificate
    let serverContext: NIOSSLContext
    private let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokentop-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cert = directory.appendingPathComponent("tls.crt").path
        let key = directory.appendingPathComponent("tls.key").path
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert,
        ]
        make.standardOutput = FileHandle.nullDevice
        make.standardError = FileHandle.nullDevice
        try make.run()
        make.waitUntilExit()
        guard make.terminationStatus == 0 else {
            throw ScriptedHTTPServer.ServerError("openssl is needed for the TLS tests (apt-get install openssl)")
        }
        guard let first = try NIOSSLCertificate.fromPEMFile(cert).first else {
            throw ScriptedHTTPServer.ServerError("openssl wrote no certificate to \(cert)")
        }
        certificate = first
        serverContext = try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: [.certificate(certificate)],
                privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))))
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
