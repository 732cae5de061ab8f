/// What opening one result-log file for reading gave.
public enum TailOpening {
    /// No such file: nothing to read, nothing wrong (a log never rotated has no `.1`).
    case missing
    /// The file is there but is not read, in words for the operator.
    case refused(String)
    case file(any TailReadable)
}
