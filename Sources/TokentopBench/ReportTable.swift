import Foundation

/// One figure measured for several programs: min / median / max per program, then the ratio of
/// each peer's median to each tokentop median.
struct ReportTable {
    enum Outcome {
        case figures(Summary)
        /// The program is not installed (or could not run at all): reported, never skipped.
        case missing(String)
        case failed(String)
    }

    struct Row {
        var label: String
        var outcome: Outcome
        var isTokentop: Bool
    }

    var title: String
    var unit: String
    var decimals: Int = 1
    var rows: [Row] = []

    mutating func add(_ label: String, _ outcome: Outcome, tokentop: Bool) {
        rows.append(Row(label: label, outcome: outcome, isTokentop: tokentop))
    }

    mutating func add(_ label: String, samples: [Double], tokentop: Bool) {
        add(label, samples.isEmpty ? .failed("no samples") : .figures(Summary(samples)), tokentop: tokentop)
    }

    func render() -> String {
        let width = max(12, rows.map(\.label.count).max() ?? 0)
        var lines = ["  \(title)"]
        lines.append(
            "    " + pad("program", width) + "  " + ["min", "median", "max"].map { left($0, 12) }.joined() + "  n")
        for row in rows {
            let label = pad(row.label, width)
            switch row.outcome {
            case .figures(let summary):
                let numbers = [summary.min, summary.median, summary.max].map { left(format($0) + " " + unit, 12) }
                lines.append("    \(label)  \(numbers.joined())  \(summary.count)")
            case .missing(let reason):
                lines.append("    \(label)  MISSING: \(reason)")
            case .failed(let reason):
                lines.append("    \(label)  FAILED: \(reason)")
            }
        }
        let ours = rows.filter(\.isTokentop).compactMap { row -> (String, Double)? in
            if case .figures(let summary) = row.outcome { return (row.label, summary.median) }
            return nil
        }
        let peers = rows.filter { !$0.isTokentop }
        for (label, median) in ours {
            for peer in peers {
                guard case .figures(let summary) = peer.outcome else {
                    lines.append("    ratio \(peer.label) / \(label): n/a (peer \(missingWord(peer.outcome)))")
                    continue
                }
                guard median > 0 else {
                    lines.append(
                        "    ratio \(peer.label) / \(label): n/a (tokentop's median is 0, below what was measurable)")
                    continue
                }
                lines.append(
                    "    ratio \(peer.label) / \(label) = \(String(format: "%.2f", summary.median / median))x (medians)"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    private func missingWord(_ outcome: Outcome) -> String {
        if case .failed = outcome { return "failed" }
        return "missing"
    }

    private func format(_ value: Double) -> String {
        value.isNaN ? "-" : String(format: "%.\(decimals)f", value)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private func left(_ text: String, _ width: Int) -> String { pad(text, width) }
}
