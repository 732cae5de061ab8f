extension ResultLog {
    /// A reader of this log's newest lines and its rotated files; nil when it goes to standard
    /// output (nothing to read back).
    public var tail: ResultLogTail? {
        guard case .file(let path) = destination else { return nil }
        return ResultLogTail(path: path, keep: keep)
    }
}
