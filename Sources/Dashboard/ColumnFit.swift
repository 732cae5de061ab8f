/// Picks which table columns fit a width and how wide each is.
///
/// Columns join in priority order while their natural widths fit; if the always-kept columns
/// alone are too wide they shrink towards their minimum (values are cut with `…`).
enum ColumnFit {
    struct Spec {
        /// Width wanted to show every value in full.
        var natural: Int
        /// Narrowest useful width (values are cut with `…` below `natural`).
        var minimum: Int
        /// Lower numbers are kept longer; priority 0 columns are always kept.
        var priority: Int
        /// Takes whatever width is left over (at most one column).
        var fills = false
        /// Width to show every value in full when that is more than `natural` (a text column
        /// capped to keep narrow screens balanced): width left over once every column that fits
        /// has its natural width goes to these, in display order.
        var full: Int? = nil
    }

    /// Widths in display order; nil for a dropped column. Columns are separated by `gap` spaces.
    static func fit(_ specs: [Spec], width: Int, gap: Int) -> [Int?] {
        var kept = Set(specs.indices.filter { specs[$0].priority == 0 })
        // The filling column counts at its minimum: it takes what is left.
        func wanted(_ index: Int, natural: Bool) -> Int {
            natural && !specs[index].fills ? specs[index].natural : specs[index].minimum
        }
        func total(_ set: Set<Int>, natural: Bool) -> Int {
            set.reduce(0) { $0 + wanted($1, natural: natural) } + gap * max(0, set.count - 1)
        }
        let optional = specs.indices.filter { specs[$0].priority > 0 }.sorted {
            specs[$0].priority < specs[$1].priority
        }
        for index in optional where total(kept.union([index]), natural: true) <= width {
            kept.insert(index)
        }
        var widths: [Int?] = specs.indices.map { kept.contains($0) ? wanted($0, natural: true) : nil }
        // Too wide even so: shrink kept columns towards their minimum, widest first.
        var over = total(kept, natural: true) - width
        func slack(_ index: Int) -> Int { wanted(index, natural: true) - specs[index].minimum }
        // Sorted on slack, then position: a Set's order differs between runs.
        for index in kept.sorted(by: { (slack($0), -$0) > (slack($1), -$1) }) where over > 0 {
            let give = min(over, wanted(index, natural: true) - specs[index].minimum)
            widths[index] = wanted(index, natural: true) - give
            over -= give
        }
        // Spare width lets capped text columns show their values in full.
        var spare = width - widths.reduce(0) { $0 + ($1 ?? 0) } - gap * max(0, kept.count - 1)
        for index in specs.indices where spare > 0 && kept.contains(index) && !specs[index].fills {
            guard let full = specs[index].full, let current = widths[index], full > current else { continue }
            let give = min(spare, full - current)
            widths[index] = current + give
            spare -= give
        }
        if let filler = specs.indices.first(where: { specs[$0].fills && kept.contains($0) }) {
            let used = widths.enumerated().reduce(0) { $0 + ($1.offset == filler ? 0 : ($1.element ?? 0)) }
            widths[filler] = max(specs[filler].minimum, width - used - gap * max(0, kept.count - 1))
        }
        return widths
    }

    /// Two spaces between columns, one on a narrow screen.
    static func gap(for width: Int) -> Int { width < 70 ? 1 : 2 }
}
