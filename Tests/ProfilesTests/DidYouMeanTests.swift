import Foundation
import Testing

@testable import Profiles
@testable import TokenModel

@Suite("DidYouMean")
struct DidYouMeanTests {
    @Test("suggests near misses and case slips, not unrelated words")
    func suggestions() {
        let keys = ProfileEntry.keys
        #expect(DidYouMean.suggest("secretkey", from: keys) == "secretKey")
        #expect(DidYouMean.suggest("acessKey", from: keys) == "accessKey")
        #expect(DidYouMean.suggest("marchant", from: keys) == "merchant")
        #expect(DidYouMean.suggest("colour", from: keys) == nil)
        #expect(DidYouMean.distance("kitten", "sitting") == 3)
    }

    @Test("two swapped neighbours are one slip")
    func transpositions() {
        #expect(DidYouMean.distance("evn", "env") == 1)
        #expect(DidYouMean.distance("secretKye", "secretKey") == 1)
        #expect(DidYouMean.distance("ab", "ba") == 1)
        #expect(DidYouMean.suggest("evn", from: ["env", "file", "command", "timeout"]) == "env")
        #expect(DidYouMean.suggest("comamnd", from: ["env", "file", "command", "timeout"]) == "command")
        #expect(DidYouMean.suggest("xyz", from: ["env", "file", "command", "timeout"]) == nil)
    }
}
