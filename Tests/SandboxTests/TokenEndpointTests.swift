import Foundation
import Sandbox
import Testing

@Suite("Token endpoint")
struct TokenEndpointTests {
    @Test("a good request gets a token, an expiry in ms, resultCode 0 and a Date header")
    func successShape() async throws {
        try await withSandbox([credential("AK-good-0001") { $0.lifetime = .seconds(120) }]) { server in
            let before = Date()
            let reply = try await server.requestToken("AK-good-0001", "secret-AK-good-0001")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "application/json")
            let json = try #require(reply.json)
            let token = try #require(json["token"] as? String)
            #expect(token.count >= 40)
            #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            let expiry = try #require((json["expiry"] as? NSNumber)?.int64Value)
            let expected = Int64((before.timeIntervalSince1970 + 120) * 1000)
            #expect(abs(expiry - expected) < 3000)
            #expect((json["resultCode"] as? NSNumber)?.intValue == 0)
            #expect(json["resultMessage"] as? String == "Token generated successfully.")
            let date = try #require(reply.header("Date").flatMap(parseHTTPDate))
            #expect(abs(date.timeIntervalSince(before)) < 3)
        }
    }

    @Test("the reference page's curl body (pretty JSON) works and every token is fresh")
    func referenceSampleAndFreshTokens() async throws {
        try await withSandbox([credential("AK-curl-0002")]) { server in
            let body = """
                {
                    "accessKey": "AK-curl-0002",
                    "secretKey": "secret-AK-curl-0002"
                }
                """
            let first = try await server.postToken(rawBody: body)
            let second = try await server.postToken(rawBody: body)
            #expect(first.status == 200)
            #expect(second.status == 200)
            let firstToken = try #require(first.json?["token"] as? String)
            #expect(firstToken != second.json?["token"] as? String)
        }
    }

    @Test("a wrong secret and an unknown key get 401 without a token")
    func rejected() async throws {
        try await withSandbox([credential("AK-reject-03")]) { server in
            for reply in [
                try await server.requestToken("AK-reject-03", "not-the-secret"),
                try await server.requestToken("AK-nobody-99", "whatever"),
            ] {
                #expect(reply.status == 401)
                let json = try #require(reply.json)
                #expect(json["token"] == nil)
                #expect((json["resultCode"] as? NSNumber)?.intValue == 1001)
                #expect(json["resultMessage"] as? String == "Invalid accessKey or secretKey.")
                #expect(reply.header("Date") != nil)
            }
        }
    }

    @Test(
        "a malformed body gets 400 naming the problem",
        arguments: [
            ("{\"accessKey\": \"AK-bad\", ", "not valid JSON"),
            ("", "empty"),
            ("[1, 2]", "JSON object"),
            ("{\"accessKey\": \"AK-bad-04\"}", "secretKey is required"),
            ("{\"secretKey\": \"x\"}", "accessKey is required"),
            ("{\"accessKey\": \"\", \"secretKey\": \"x\"}", "accessKey must not be empty"),
            ("{\"accessKey\": 42, \"secretKey\": \"x\"}", "accessKey must be a string"),
        ])
    func badRequest(body: String, problem: String) async throws {
        try await withSandbox([credential("AK-bad-04")]) { server in
            let reply = try await server.postToken(rawBody: body)
            #expect(reply.status == 400)
            let json = try #require(reply.json)
            #expect(json["token"] == nil)
            #expect((json["resultCode"] as? NSNumber)?.intValue == 1002)
            let message = try #require(json["resultMessage"] as? String)
            #expect(message.contains(problem))
        }
    }

    @Test("lockAfter locks the key: 403 even with the right secret; a success resets the count")
    func lockAfter() async throws {
        try await withSandbox([credential("AK-lock-0005") { $0.lockAfter = 2 }]) { server in
            let right = "secret-AK-lock-0005"
            #expect(try await server.requestToken("AK-lock-0005", "wrong").status == 401)
            #expect(try await server.requestToken("AK-lock-0005", right).status == 200)  // resets the count
            #expect(try await server.requestToken("AK-lock-0005", "wrong").status == 401)
            #expect(try await server.requestToken("AK-lock-0005", "wrong").status == 401)  // second in a row: locks
            let locked = try await server.requestToken("AK-lock-0005", right)
            #expect(locked.status == 403)
            let json = try #require(locked.json)
            #expect(json["token"] == nil)
            #expect((json["resultCode"] as? NSNumber)?.intValue == 1003)
            #expect(
                json["resultMessage"] as? String == "Account locked after 2 failed attempts. Contact EnKash support.")
        }
    }

    @Test("a key that starts locked answers 403")
    func startsLocked() async throws {
        try await withSandbox([credential("AK-locked-06") { $0.locked = true }]) { server in
            let reply = try await server.requestToken("AK-locked-06", "secret-AK-locked-06")
            #expect(reply.status == 403)
            #expect(reply.json?["token"] == nil)
        }
    }

    @Test("other paths answer 404 and still carry a Date header")
    func notFound() async throws {
        try await withSandbox([]) { server in
            let reply = try await server.get("/api/v0/other")
            #expect(reply.status == 404)
            #expect(reply.header("Date").flatMap(parseHTTPDate) != nil)
        }
    }
}
