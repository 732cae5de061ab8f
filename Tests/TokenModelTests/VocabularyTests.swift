import Foundation
import Testing

@testable import TokenModel

@Suite struct VocabularyTests {
    /// Pinned: fingerprints appear in logs, sinks.json and the screen, so a change of how they are
    /// computed must be deliberate (the first 12 hex digits of the token's SHA-256).
    @Test func fingerprintIsShortAndDoesNotContainTheToken() {
        let token = SecretString("eyJhbGciOiJIUzI1NiJ9.payload.signature")
        #expect(token.fingerprint.count == 12)
        #expect(token.fingerprint == "9e80e5552996")
        #expect(SecretString("").fingerprint == "e3b0c44298fc")
        #expect(SecretString("abc").fingerprint == "ba7816bf8f01")
        #expect("\(token)" == "<redacted>")
        #expect(String(reflecting: token) == "<redacted>")
        var dumped = ""
        dump(token, to: &dumped)
        #expect(!dumped.contains("payload"))
    }

    @Test func httpDatesRoundTrip() throws {
        let date = try #require(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"))
        #expect(date.timeIntervalSince1970 == 784_111_777)
        #expect(HTTPDate.format(date) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.parse("yesterday") == nil)
        #expect(HTTPDate.parse("Sun, 32 Nov 1994 08:49:37 GMT") == nil)
    }

    @Test func isoTimestampsHaveMillisecondsInUTC() {
        #expect(ISOTime.format(Date(timeIntervalSince1970: 1_764_015_720.123)) == "2025-11-24T20:22:00.123Z")
        #expect(ISOTime.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }

    @Test func jsonQuotingEscapesControlCharacters() {
        #expect(JSONText.quote("a\"b\\c\nd\u{1}") == #""a\"b\\c\nd\u0001""#)
    }

    @Test func jsonQuotingCopiesPlainTextAndStillEscapesLineSeparators() {
        #expect(JSONText.quote("Bench Merchant 7") == "\"Bench Merchant 7\"")
        #expect(JSONText.quote("") == "\"\"")
        #expect(JSONText.quote("a\u{2028}b\u{2029}…") == "\"a\\u2028b\\u2029…\"")
    }

    @Test func jsonQuotingEscapesDelAndC1ButKeepsOtherLatinText() {
        #expect(JSONText.quote("a\u{7F}b\u{9B}31mc\u{85}") == #""a\u007fb\u009b31mc\u0085""#)
        #expect(JSONText.quote("© Ünïcode … ₹") == "\"© Ünïcode … ₹\"")
    }

    @Test func rawControlsInAnotherEncodersJSONAreEscapedAndTheValueIsUnchanged() throws {
        let hostile = "x\u{7F}\u{9B}2J\u{80}y ©"
        let encoded = try JSONEncoder().encode(["message": hostile])
        let fixed = JSONText.escapingRawControls(String(decoding: encoded, as: UTF8.self))
        #expect(!fixed.unicodeScalars.contains { TerminalText.isControl($0) })
        #expect(fixed.contains(#"\u009b2J"#))
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(fixed.utf8))
        #expect(decoded["message"] == hostile)
        #expect(JSONText.escapingRawControls(#"{"a":"plain ©"}"#) == #"{"a":"plain ©"}"#)
    }

    @Test func isoTimeWritesEveryFieldPadded() {
        #expect(ISOTime.format(Date(timeIntervalSince1970: 946_684_799.25)) == "1999-12-31T23:59:59.250Z")
        #expect(ISOTime.format(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500Z")
        // Outside four-digit years the old path writes the year as it is.
        #expect(ISOTime.format(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00.000Z")
    }

    @Test func jsonValueKeepsTypesApart() throws {
        let value = try JSONDecoder().decode(
            JSONValue.self, from: Data(#"{"a":true,"b":1,"c":1.5,"d":"x","e":null}"#.utf8))
        #expect(
            value == .object(["a": .bool(true), "b": .integer(1), "c": .double(1.5), "d": .string("x"), "e": .null]))
    }

    /// The hand-written reader gives what Foundation's decoder gave for `JSONValue`, and refuses
    /// what it refused.
    @Test func jsonParserMatchesTheDecoder() throws {
        let documents = [
            #"{"a":true,"b":1,"c":1.5,"d":"x","e":null}"#, #" { "token" : "t\"q\\\/\n\u00e9\ud83d\ude00" } "#,
            #"{"n":[1,-2,3.25,1e3,-0,9223372036854775807,9223372036854775808,[],{}]}"#, #"[1,"2",false]"#, "42",
            #""text""#, "null", #"{"a":1,"a":2}"#, #"{"a":1,}"#, "[1,]",
            // refused
            "", " ", "{", #"{"a":}"#, "[,]", #"{,}"#, "01", "1.", "-", ".5", "+1", #"{"a":1}x"#, "tru",
            #"{'a':1}"#, "\"a\u{01}\"", #""\x""#, #""\ud800""#, "<html><body>oops</body></html>",
            #"{"token":"abc","expiry":"#, "NaN",
        ]
        for text in documents {
            let decoded = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            #expect(JSONParser.parse(Array(text.utf8)) == decoded, "\(text)")
        }
        #expect(JSONParser.parse([0x22, 0xFF, 0x22]) == nil)
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(JSONParser.parse(Array(deep.utf8)) == nil)
    }
}
