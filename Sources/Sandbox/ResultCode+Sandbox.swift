import TokenModel

/// The `resultCode`s the sandbox answers with, as EnKash documents them.
extension ResultCode {
    static let success: ResultCode = .number(0)
    static let invalidCredentials: ResultCode = .number(1001)
    static let badRequest: ResultCode = .number(1002)
    static let locked: ResultCode = .number(1003)
    static let rateLimited: ResultCode = .number(1029)
}
