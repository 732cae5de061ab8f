import Foundation

/// Settings peers read from the workspace's XDG_CONFIG_HOME.
enum PeerSetup {
    /// btop at a 1 s update (its default is 2 s).
    static func btopConfig(in workspace: BenchWorkspace) throws {
        let directory = workspace.environment["XDG_CONFIG_HOME", default: workspace.root] + "/btop"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try workspace.write("update_ms = 1000\n", to: directory + "/btop.conf")
    }
}
