import Foundation
import Synchronization

/// Runs the built `tokentop` binary as a real process and collects what it printed.
struct ProcessOutput: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
    var all: String { stdout + stderr }
}
