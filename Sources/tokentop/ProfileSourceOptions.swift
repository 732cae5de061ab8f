import ArgumentParser
import Foundation
import Runtime

/// `--config PATH` or `--demo`: where the profiles come from.
struct ProfileSourceOptions: ParsableArguments {
    @Option(help: "Profiles file. Default: $TOKENTOP_CONFIG, else $XDG_CONFIG_HOME/tokentop/profiles.yaml.")
    var config: String?

    @Flag(help: "Use the built-in sandbox and demo merchants (in-process, loopback only).")
    var demo = false

    @Flag(help: "Treat warnings (a literal secretKey in a file others can read) as errors: exit 2, start nothing.")
    var strict = false

    func validate() throws {
        if demo && config != nil { throw ValidationError("--demo and --config exclude each other; pick one") }
    }

    /// The settings the runtime reads.
    var settings: ProfileSource { ProfileSource(config: config, demo: demo, strict: strict) }
}
