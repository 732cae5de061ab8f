/// Picks which table columns fit a width and how wide each is.
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
    }

    /// Widths in display order; nil for a dropped column. Columns are separated by `gap` spaces.
    static func fit(_ specs: [Spec], width: Int, gap: Int = 2) -> [Int?] {
        var kept = Set(specs.indices.filter { specs[$0].priority == 0 })
        func total(_ set: Set<Int>, natural: Bool) -> Int {
            set.reduce(0) { $0 + (natural ? specs[$1].natural : specs[$1].minimum) } + gap * max(0, set.count - 1)
        }
        for index in specs.indices.filter({ specs[$0].priority > 0 }).sorted(by: { specs[$0].priority < specs[$1].priority }) {
            let candidate = kept.union([index])
            let fillsAtMinimum = specs[index].fills ? total(candidate.subtracting([index]), natural: true) + gap + specs[index].minimum : total(candidate, natural: true)
            if fillsAtMinimum <= width { kept = candidate }
        }
        var widths: [Int?] = specs.indices.map { kept.contains($0) ? specs[$0].natural : nil }
        // Too wide even so: shrink kept columns towards their minimum, widest first.
        var over = total(kept, natural: true) - width
        for index in kept.sorted(by: { specs[$0].natural - specs[$0].minimum > specs[$1].natural - specs[$1].minimum }) where over > 0 {
            let give = min(over, specs[index].natural - specs[index].minimum)
            widths[index] = specs[index].natural - give
            over -= give
        }
        if let filler = specs.indices.first(where: { specs[$0].fills && kept.contains($0) }) {
            let used = widths.enumerated().reduce(0) { $0 + ($1.offset == filler ? 0 : ($1.element ?? 0)) }
            widths[filler] = max(specs[filler].minimum, width - used - gap * max(0, kept.count - 1))
        }
        return widths
    }
}
