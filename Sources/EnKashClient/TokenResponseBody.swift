import Foundation
import TokenModel

/// The fields of a token response, read leniently: missing fields, `null`, numbers sent as
/// strings and wrong types never throw; they leave a field empty and leave a note saying why.
public struct TokenResponseBody: Sendable, Equatable {
    public var token: String?
    /// `expiry` as sent, before the seconds/milliseconds reading.
    public var expiry: Int64?
    public var resultCode: ResultCode?
    public var resultMessage: String?
    /// What did not fit the schema, e.g. `token is a number, not text`.
    public var problems: [String] = []

    public init(token: String? = nil, expiry: Int64? = nil, resultCode: ResultCode? = nil, resultMessage: String? = nil)
    {
        self.token = token
        self.expiry = expiry
        self.resultCode = resultCode
        self.resultMessage = resultMessage
    }

    public enum DecodeFailure: Error, Sendable, Equatable {
        case notJSON
        /// Valid JSON, but not an object; holds what it was, e.g. `an array`.
        case notAnObject(String)
    }

    /// Decodes `bytes`; throws only when the body is not a JSON object at all.
    public static func decode(_ bytes: [UInt8]) throws(DecodeFailure) -> TokenResponseBody {
        guard let value = JSONParser.parse(bytes) else { throw .notJSON }
        guard case .object(let object) = value else { throw .notAnObject(value.kindName) }
        var body = TokenResponseBody()
        body.token = body.text(object["token"], field: "token", numbersAllowed: false)
        body.expiry = body.integer(object["expiry"], field: "expiry")
        switch object["resultCode"] {
        case nil, .null: break
        case .integer(let code): body.resultCode = .number(code)
        case .double(let code) where code.isFinite && code == code.rounded() && abs(code) < 9e18:
            body.resultCode = .number(Int64(code))
        case .string(let code): body.resultCode = .text(code)
        case let other?: body.problems.append("resultCode is \(other.kindName), not a number")
        }
        body.resultMessage = body.text(object["resultMessage"], field: "resultMessage", numbersAllowed: true)
        return body
    }

    private mutating func text(_ value: JSONValue?, field: String, numbersAllowed: Bool) -> String? {
        switch value {
        case nil, .null: return nil
        case .string(let text): return text
        case .integer(let number) where numbersAllowed: return String(number)
        case let other?:
            problems.append("\(field) is \(other.kindName), not text")
            return nil
        }
    }

    private mutating func integer(_ value: JSONValue?, field: String) -> Int64? {
        switch value {
        case nil, .null: return nil
        case .integer(let number): return number
        case .double(let number) where number.isFinite && abs(number) < 9e18: return Int64(number)
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let number = Int64(trimmed) { return number }
            if let number = Double(trimmed), number.isFinite, abs(number) < 9e18 { return Int64(number) }
            problems.append("\(field) is text that is not a number")
            return nil
        case let other?:
            problems.append("\(field) is \(other.kindName), not a number")
            return nil
        }
    }
}
