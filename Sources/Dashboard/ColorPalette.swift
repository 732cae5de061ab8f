/// The xterm palette, for mapping colours down to what a terminal has.
public enum ColorPalette {
    /// xterm's default values for colours 0-15.
    static let ansi: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]
    /// The six levels of each channel in the 6x6x6 cube (colours 16-231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value of indexed colour `n`.
    public static func rgb(of n: UInt8) -> (UInt8, UInt8, UInt8) {
        switch n {
        case 0..<16: return ansi[Int(n)]
        case 16..<232:
            let i = Int(n) - 16
            return (UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[i / 6 % 6]), UInt8(cubeLevels[i % 6]))
        default:
            let level = UInt8(8 + (Int(n) - 232) * 10)
            return (level, level, level)
        }
    }

    /// The closest of colours 16-255 (the cube or the grey ramp); 0-15 are left out because
    /// terminals redefine them.
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func level(_ v: UInt8) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - Int(v)) < abs(cubeLevels[$1] - Int(v)) } ?? 0
        }
        let cube = UInt8(16 + 36 * level(r) + 6 * level(g) + level(b))
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let grey = UInt8(232 + min(23, max(0, (average - 3) / 10)))
        return distance(rgb(of: cube), (r, g, b)) <= distance(rgb(of: grey), (r, g, b)) ? cube : grey
    }

    /// The closest of the 16 classic colours.
    public static func nearest16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        UInt8(ansi.indices.min { distance(ansi[$0], (r, g, b)) < distance(ansi[$1], (r, g, b)) } ?? 7)
    }

    static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0)
        let dg = Int(a.1) - Int(b.1)
        let db = Int(a.2) - Int(b.2)
        return dr * dr + dg * dg + db * db
    }
}
