import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension SocketAccess {
    /// Why the members of this access's group could not reach a socket at `socketPath` even
    /// with the socket itself 0660: its directory does not let them in (no search permission
    /// for the directory's group when that is ours, else for others). Nil for `.owner`, when
    /// they can, or when the directory cannot be examined.
    public func directoryProblem(socketPath: String) -> String? {
        guard case .group(let gid) = self else { return nil }
        let directory = (socketPath as NSString).deletingLastPathComponent
        var info = stat()
        guard !directory.isEmpty, stat(directory, &info) == 0 else { return nil }
        let searchable = info.st_gid == gid ? info.st_mode & 0o010 != 0 : info.st_mode & 0o001 != 0
        guard !searchable else { return nil }
        let mode = String(info.st_mode & 0o7777, radix: 8)
        let name = getgrgid(gid).map { String(cString: $0.pointee.gr_name) } ?? String(gid)
        return """
            --socket-group \(name): the socket's directory \(directory) (mode 0\(mode), group \(info.st_gid)) keeps group \(name) out, \
            so its members cannot connect; let them in (chgrp \(name) \(directory) && chmod g+x \(directory)) or choose another --socket
            """
    }
}
