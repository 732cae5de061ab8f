import Profiles
import Testing

@Suite("ProfilesLocation")
struct ProfilesLocationTests {
    let environment = [
        "HOME": "/home/fake", "XDG_CONFIG_HOME": "/xdg", "TOKENTOP_CONFIG": "/etc/tokentop/profiles.yaml",
    ]

    @Test("--config wins over everything, with ~ expanded")
    func explicit() {
        let chosen = ProfilesLocation.resolve(explicit: "~/work/profiles.yaml", environment: environment)
        #expect(chosen.path == "/home/fake/work/profiles.yaml")
        #expect(chosen.reason == "given with --config")
        #expect(ProfilesLocation.resolve(explicit: "rel/p.yaml", environment: environment).path == "rel/p.yaml")
    }

    @Test("then $TOKENTOP_CONFIG")
    func variable() {
        let chosen = ProfilesLocation.resolve(explicit: nil, environment: environment)
        #expect(chosen.path == "/etc/tokentop/profiles.yaml")
        #expect(chosen.reason == "from $TOKENTOP_CONFIG")
    }

    @Test("then $XDG_CONFIG_HOME/tokentop/profiles.yaml")
    func xdg() {
        var environment = environment
        environment["TOKENTOP_CONFIG"] = ""
        let chosen = ProfilesLocation.resolve(explicit: nil, environment: environment)
        #expect(chosen.path == "/xdg/tokentop/profiles.yaml")
        #expect(chosen.reason == "from $XDG_CONFIG_HOME")
    }

    @Test("then $HOME/.config/tokentop/profiles.yaml; a relative XDG_CONFIG_HOME is ignored")
    func home() {
        let chosen = ProfilesLocation.resolve(explicit: nil, environment: ["HOME": "/home/fake"])
        #expect(chosen.path == "/home/fake/.config/tokentop/profiles.yaml")
        #expect(chosen.reason.contains("$HOME"))
        let relative = ProfilesLocation.resolve(
            explicit: "", environment: ["HOME": "/home/fake/", "XDG_CONFIG_HOME": "relative/dir"])
        #expect(relative.path == "/home/fake/.config/tokentop/profiles.yaml")
    }
}
