import Testing

@testable import TokenModel

/// The one definition of a header-name byte, used by the profiles check and by the HTTP client
/// in both directions: exactly RFC 9110's `tchar`.
@Suite struct HeaderFieldRuleTests {
    @Test func tokenBytesAreExactlyRFC9110Tchar() {
        let tchar = Set(Array("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8))
        for byte in UInt8.min...UInt8.max {
            #expect(HeaderFieldRule.isTokenByte(byte) == tchar.contains(byte), "byte \(byte)")
        }
        #expect(HeaderFieldRule.isToken("X-Request-Id"))
        #expect(!HeaderFieldRule.isToken(""))
        #expect(!HeaderFieldRule.isToken("X Note"))
        #expect(!HeaderFieldRule.isToken("Nämé"))
    }
}
