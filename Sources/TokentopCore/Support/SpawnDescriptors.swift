import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a child started with `posix_spawn` inherits: nothing beyond stdin, stdout and stderr.
/// Descriptors SwiftNIO and Foundation open are not all close-on-exec; a child (a secret
/// command, a hook, a test's tmux server) that kept one would hold a listener or a connection
/// open past its owner's life.
public enum SpawnDescriptors {
    #if os(Linux)
        /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+; not in Swift's Glibc
        /// module, so looked up by name), else one close action per descriptor open now.
        public static func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
            typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np"),
                unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3) == 0
            {
                return
            }
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for fd in open.compactMap({ Int32($0) }) where fd >= 3 {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
        }
    #endif
}
