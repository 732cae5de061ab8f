import ArgumentParser
import Foundation

/// `startup`: time from exec to the first complete frame on the terminal.
struct StartupScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "startup",
        abstract: "Exec to first complete frame of tokentop --demo (median of 20), htop alongside.")

    @OptionGroup var options: BenchOptions

    func run() throws { try Self.measure(options) }

    struct Contender {
        var label: String
        var isTokentop: Bool
        var executable: Result<String, BenchError>
        var arguments: [String]
        /// Text on the last line of the program's screen: once it has arrived, the frame is complete.
        var lastLineMarker: String
    }

    static func measure(_ options: BenchOptions) throws {
        let programs = try Programs(explicit: options.tokentop)
        let runs = options.repeats ?? (options.quick ? 2 : 20)
        BenchHeader.print(
            scenario: "startup", programs: programs,
            what: "from just before fork+exec to the arrival of the frame's last line (tokentop's footer ends "
                + "' quit', htop's 'Quit'), \(runs) runs each, interleaved")
        let workspace = try BenchWorkspace()
        let contenders = [
            Contender(
                label: "tokentop --demo", isTokentop: true, executable: .success(programs.tokentop),
                arguments: ["--demo"],
                lastLineMarker: " quit"),
            Contender(
                label: "htop", isTokentop: false, executable: Programs.peer("htop"), arguments: [],
                lastLineMarker: "Quit"),
        ]
        var samples = [[Double]](repeating: [], count: contenders.count)
        var problems = [ReportTable.Outcome?](repeating: nil, count: contenders.count)
        for _ in 0..<runs {
            for (index, contender) in contenders.enumerated() where problems[index] == nil {
                switch contender.executable {
                case .failure(let error):
                    problems[index] = .missing(error.description)
                case .success(let path):
                    let start = ContinuousClock.now
                    let process = try PtyProcess(
                        label: contender.label, executable: path, arguments: contender.arguments,
                        environment: workspace.environment, capture: true)
                    if let seen = process.waitFor(contender.lastLineMarker, limit: .seconds(15)) {
                        samples[index].append((seen - start).inSeconds * 1000)
                    } else {
                        problems[index] = .failed(
                            "no complete frame within 15 s (\(process.exit?.description ?? "running"))")
                    }
                    process.stop()
                }
            }
        }
        var table = ReportTable(title: "exec to first complete frame (lower is better)", unit: "ms")
        for (index, contender) in contenders.enumerated() {
            if let problem = problems[index] {
                table.add(contender.label, problem, tokentop: contender.isTokentop)
            } else {
                table.add(contender.label, samples: samples[index], tokentop: contender.isTokentop)
            }
        }
        print(table.render())
    }
}
