/// What `ProfileSort` compares: a group first (so profiles without a value sort after those with
/// one), then a number, then a text.
struct SortKey: Equatable, Comparable {
    var group: Int
    var number: Double
    var text: String

    static func < (lhs: SortKey, rhs: SortKey) -> Bool {
        if lhs.group != rhs.group { return lhs.group < rhs.group }
        if lhs.number != rhs.number { return lhs.number < rhs.number }
        return lhs.text < rhs.text
    }
}
