import Foundation
import Testing

@testable import TokenModel

@Suite("Sink formats")
struct SinkFormatTests {
    let token = IssuedToken(
        value: SecretString("eyJhbGciOi.fake-token.sig"), issuedAt: Date(epochMilliseconds: 1_800_000_000_123),
        serverExpiryMs: 1_800_000_300_000, expiresAt: Date(epochMilliseconds: 1_800_000_299_500))

    @Test("each format renders what the design says")
    func render() {
        func text(_ format: TokenSinkFormat) -> String {
            String(decoding: format.render(token, profile: "acme"), as: UTF8.self)
        }
        #expect(text(.raw) == "eyJhbGciOi.fake-token.sig\n")
        #expect(text(.header) == "Authorization: Bearer eyJhbGciOi.fake-token.sig\n")
        #expect(
            text(.env) == "ENKASH_TOKEN=eyJhbGciOi.fake-token.sig\nENKASH_TOKEN_EXPIRES_AT=2027-01-15T08:04:59.500Z\n"
                + "ENKASH_TOKEN_EXPIRY=1800000300000\n")
        #expect(
            text(.json) == #"{"profile":"acme","token":"eyJhbGciOi.fake-token.sig","expiry":1800000300000,"#
                + #""expiresAt":"2027-01-15T08:04:59.500Z","issuedAt":"2027-01-15T08:00:00.123Z"}"# + "\n")
    }

    @Test("every format parses back to the token; json and env also to the expiry", arguments: TokenSinkFormat.allCases)
    func roundTrip(format: TokenSinkFormat) throws {
        let contents = try #require(format.parse(format.render(token, profile: "acme")))
        #expect(contents.token == token.value)
        switch format {
        case .raw, .header:
            #expect(contents.expiresAt == nil)
        case .env:
            #expect(contents.expiresAt == token.expiresAt)
            #expect(contents.serverExpiryMs == token.serverExpiryMs)
        case .json:
            #expect(contents.profile == "acme")
            #expect(contents.expiresAt == token.expiresAt)
            #expect(contents.issuedAt == token.issuedAt)
            #expect(contents.serverExpiryMs == token.serverExpiryMs)
        }
    }

    @Test("content in another format or empty is not taken for a token")
    func refusesOtherContent() {
        #expect(TokenSinkFormat.raw.parse(Array("".utf8)) == nil)
        #expect(TokenSinkFormat.raw.parse(Array("two\nlines\n".utf8)) == nil)
        #expect(TokenSinkFormat.header.parse(Array("just-a-token\n".utf8)) == nil)
        #expect(TokenSinkFormat.env.parse(Array("OTHER=1\n".utf8)) == nil)
        #expect(TokenSinkFormat.json.parse(Array("{\"token\":\"\"}".utf8)) == nil)
        #expect(TokenSinkFormat.json.parse(Array("not json".utf8)) == nil)
        #expect(TokenSinkFormat.env.parse(Array("ENKASH_TOKEN=\"quoted\"\n".utf8))?.token.reveal() == "quoted")
    }

    @Test("ISO times parse back exactly; other shapes are refused")
    func isoTime() {
        for ms: Int64 in [0, 1_800_000_000_123, 1_800_000_000_000, 4_102_444_799_999] {
            let date = Date(epochMilliseconds: ms)
            #expect(ISOTime.parse(ISOTime.format(date)) == date)
        }
        #expect(ISOTime.parse("2027-01-15T08:00:00Z") == Date(epochMilliseconds: 1_800_000_000_000))
        #expect(ISOTime.parse("2027-01-15T08:00:00.1Z") == Date(epochMilliseconds: 1_800_000_000_100))
        #expect(ISOTime.parse("2027-01-15T08:00:00.123456Z") == Date(epochMilliseconds: 1_800_000_000_123))
        // A space for the `T` and a numeric offset are read too (RFC 3339 allows both).
        #expect(ISOTime.parse("2027-01-15 08:00:00Z") == Date(epochMilliseconds: 1_800_000_000_000))
        #expect(ISOTime.parse("2027-01-15T09:00:00+01:00") == Date(epochMilliseconds: 1_800_000_000_000))
        #expect(ISOTime.parse("2027-01-15T08:00:00") == nil)
        #expect(ISOTime.parse("2027-01-15T08:00:00Zjunk") == nil)
        #expect(ISOTime.parse("2027-13-15T08:00:00Z") == nil)
        #expect(ISOTime.parse("") == nil)
    }
}
