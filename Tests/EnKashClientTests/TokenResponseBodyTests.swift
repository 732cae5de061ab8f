import Foundation
import Testing

@testable import EnKashClient

@Suite struct TokenResponseBodyTests {
    @Test func lenientBodyDecoding() throws {
        let body = try TokenResponseBody.decode(
            Array(#"{"token":null,"expiry":"123","resultCode":true,"resultMessage":42}"#.utf8))
        #expect(body.token == nil)
        #expect(body.expiry == 123)
        #expect(body.resultCode == nil)
        #expect(body.resultMessage == "42")
        #expect(body.problems == ["resultCode is a boolean, not a number"])
    }
}
