import Foundation
import PrivateFiles

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The commented starter file `tokentop init` writes.
public enum ProfilesTemplate {
    /// Environment variables the template's example profiles read.
    public static let exampleVariables = [
        "ACME_ENKASH_ACCESS_KEY", "ACME_ENKASH_SECRET_KEY", "GLOBEX_ENKASH_ACCESS_KEY", "GLOBEX_ENKASH_SECRET_KEY",
    ]

    public static let text = """
        # tokentop profiles file: the EnKash merchants whose bearer tokens tokentop keeps fresh.
        # Check it with `tokentop validate`. Keep this file at mode 600.
        #
        # accessKey and secretKey take a literal value or, better, a reference:
        #   {env: VAR}                           an environment variable
        #   {file: ~/.secrets/enkash-acme}       the first line of a file (a relative path is
        #                                        relative to this file's directory)
        #   {command: "pass show enkash/acme"}   what the command prints (run with /bin/sh -c);
        #                                        add `timeout: 5s` to change the 10s limit
        # A literal secretKey in a file others can read gets a warning (an error with --strict).

        # At most this many token requests at once (1 to 256; default 8).
        concurrency: 8

        # Settings every profile inherits unless it sets its own.
        defaults:
          # Where tokens come from: one of these presets...
          #   cards-uat    https://pay-uat.enkash.in          corporate cards, UAT
          #   cards-live   https://pay.enkash.in              corporate cards, live
          #   pg-uat       https://olympus-pg-uat.enkash.in   payment gateway, UAT
          #   pg-live      https://olympus-pg.enkash.in       payment gateway, live
          # ...or `baseURL: https://your-host` (wins over environment). http:// is refused
          # except for loopback hosts (127.0.0.1, ::1, localhost) or with allowInsecureHTTP.
          environment: cards-uat
          refresh:
            before: 2m      # refresh at least this long before expiry (more than 0, at most 24h; default 2m)
            timeout: 10s    # time allowed for one token request (1s to 5m; default 10s)
          # enabled: true             # false skips a profile without deleting it
          # tags: [enkash]            # labels, added to each profile's own tags
          # allowInsecureHTTP: false  # true permits http:// to a non-loopback host
          # Extra request headers, sent by every profile (a profile's own headers win):
          # headers: {API-Key: your-api-key}
          # Egress through an HTTP proxy (https:// goes through a CONNECT tunnel; TLS to EnKash is
          # still verified end to end). Without `proxy:` (here or in a profile) the HTTPS_PROXY,
          # HTTP_PROXY and NO_PROXY environment variables decide; `proxy: none` goes direct.
          # proxy: http://proxy.example.com:3128
          # A proxy user goes in the URL; its password is a reference, like secretKey's:
          # proxy: http://tokentop@proxy.example.com:3128
          # proxyPassword: {env: PROXY_PASSWORD}

        profiles:
          - name: acme-uat                # unique; letters, digits, '.', '_' and '-'
            merchant: Acme Retail (UAT)   # display name; defaults to the name
            environment: cards-uat
            accessKey: {env: ACME_ENKASH_ACCESS_KEY}
            secretKey: {env: ACME_ENKASH_SECRET_KEY}
            tags: [acme, uat]
            # headers: {API-Key: your-api-key}
            # Write the token to a file after every refresh (atomically: temp file, fsync, rename),
            # for other programs to read. format: raw (the token), header (Authorization: Bearer ...),
            # env (ENKASH_TOKEN=... plus expiry) or json; mode defaults to "0600". A relative path is
            # relative to this file's directory. A token still good there is reused at start-up.
            # sink: {path: ~/.cache/tokentop/acme-uat.token, format: raw, mode: "0600"}
            # Then run a command (/bin/sh -c, default timeout 10s). Its environment has TOKENTOP_PROFILE,
            # TOKENTOP_SINK, TOKENTOP_SINK_FORMAT, TOKENTOP_EXPIRES_AT, TOKENTOP_TOKEN_FINGERPRINT;
            # never the token itself: read it from the sink.
            # onRefresh: {command: "systemctl --user reload acme-client", timeout: 10s}

          - name: globex-pg
            merchant: Globex Payments
            environment: pg-uat
            accessKey: {env: GLOBEX_ENKASH_ACCESS_KEY}
            secretKey: {env: GLOBEX_ENKASH_SECRET_KEY}
            refresh:
              before: 5m
            # enabled: false

        """

    /// Why the template could not be written.
    public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable { case alreadyExists, cannotCreateDirectory, cannotWrite }
        public let kind: Kind
        public let path: String
        public let reason: String

        public var description: String {
            switch kind {
            case .alreadyExists:
                "\(path) already exists; not overwriting it — edit it and run `tokentop validate`, "
                    + "or pass --config NEW_PATH to write a fresh template elsewhere"
            case .cannotCreateDirectory: "cannot create the directory for \(path): \(reason)"
            case .cannotWrite: "cannot write \(path): \(reason)"
            }
        }
    }

    /// Writes `text` to `path` with mode 0600, creating missing parent directories with mode 0700.
    /// Never overwrites: an existing file (or symlink) at `path` is an `.alreadyExists` error.
    public static func write(to path: String) throws(WriteError) {
        do {
            try PrivateDirectory.createParent(of: path)
        } catch {
            throw WriteError(kind: .cannotCreateDirectory, path: path, reason: error.localizedDescription)
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            throw WriteError(
                kind: code == EEXIST ? .alreadyExists : .cannotWrite, path: path,
                reason: String(cString: strerror(code)))
        }
        defer { close(fd) }
        _ = fchmod(fd, 0o600)
        if let code = FileDescriptorWriter.writeAll(fd, Array(text.utf8)) {
            unlink(path)
            throw WriteError(kind: .cannotWrite, path: path, reason: String(cString: strerror(code)))
        }
    }
}
