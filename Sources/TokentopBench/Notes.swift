/// Footnotes under a table: programs that never settled during warm-up.
enum Notes {
    static func print(_ measured: [SteadyRunner.Measured]) {
        for result in measured {
            if let note = result.note { Swift.print("    note: \(result.program.label): \(note)") }
        }
    }
}
