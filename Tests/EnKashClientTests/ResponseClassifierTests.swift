import Foundation
import Testing

@testable import EnKashClient
@testable import TokenModel

@Suite struct ResponseClassifierTests {
    let classifier = ResponseClassifier()
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    var end: Date { start.addingTimeInterval(0.2) }

    func classify(_ status: Int, _ body: String, headers: [HeaderField] = []) -> FetchResult {
        classifier.classify(
            TransportResponse(status: status, headers: headers, body: Array(body.utf8)), profile: "p", trigger: .check,
            startedAt: start, finishedAt: end)
    }

    @Test func successWithMillisecondExpiry() {
        let expiry = start.addingTimeInterval(300).epochMilliseconds
        let result = classify(
            200,
            #"{"token":"tok-1","expiry":\#(expiry),"resultCode":0,"resultMessage":"Token generated successfully."}"#)
        #expect(result.record.outcome == .success)
        #expect(result.token?.value.reveal() == "tok-1")
        #expect(result.record.tokenFingerprint == SecretString("tok-1").fingerprint)
        #expect(result.record.resultCode == .number(0))
        #expect(result.record.resultMessage == "Token generated successfully.")
        #expect(result.record.expiryMs == expiry)
        #expect(abs(result.record.latency.seconds - 0.2) < 0.001)
        #expect(result.record.notes.isEmpty)
    }

    @Test func resultCode200IsLoggedAsReceived() {
        let expiry = start.addingTimeInterval(300).epochMilliseconds
        let result = classify(200, #"{"token":"t","expiry":"\#(expiry)","resultCode":"200","resultMessage":"ok"}"#)
        #expect(result.record.outcome == .success)
        #expect(result.record.resultCode == .text("200"))
        #expect(result.record.expiryMs == expiry)
    }

    @Test func expiryBelowTenToTheElevenIsSeconds() {
        let seconds = Int64(start.timeIntervalSince1970) + 600
        let result = classify(200, #"{"token":"t","expiry":\#(seconds)}"#)
        #expect(result.record.outcome == .success)
        #expect(result.record.expiryMs == seconds * 1000)
        #expect(result.record.notes.contains("expiry \(seconds) read as seconds"))
    }

    @Test func tokenInsideTheMarginIsAFailure() {
        let soon = start.addingTimeInterval(5).epochMilliseconds
        let result = classify(200, #"{"token":"t","expiry":\#(soon)}"#)
        #expect(result.record.outcome == .transient)
        #expect(result.token == nil)
        #expect(result.record.error?.contains("margin") == true)
        let past = start.addingTimeInterval(-60).epochMilliseconds
        #expect(classify(200, #"{"token":"t","expiry":\#(past)}"#).record.error?.contains("already expired") == true)
    }

    @Test func unusableExpiries() {
        for body in [
            #"{"token":"t"}"#, #"{"token":"t","expiry":0}"#, #"{"token":"t","expiry":-5}"#,
            #"{"token":"t","expiry":"soon"}"#, #"{"token":"t","expiry":null}"#,
        ] {
            let result = classify(200, body)
            #expect(result.record.outcome == .transient, "\(body)")
            #expect(result.token == nil)
        }
    }

    @Test func rejections() {
        #expect(
            classify(401, #"{"resultCode":1001,"resultMessage":"Invalid accessKey or secretKey."}"#).record.outcome
                == .rejected)
        #expect(classify(403, "").record.outcome == .rejected)
        #expect(classify(400, #"{"resultCode":1002}"#).record.outcome == .rejected)
        #expect(classify(404, "<html>").record.outcome == .rejected)
        // resultCode 0 is success: without a usable token that is a broken answer, not a refusal.
        for body in [
            #"{"resultCode":0,"resultMessage":"Success"}"#, #"{"token":12345,"resultCode":0}"#, #"{"resultCode":"0"}"#,
        ] {
            let broken = classify(200, body)
            #expect(broken.record.outcome == .transient, "\(body)")
            #expect(broken.record.error?.contains("despite resultCode 0") == true, "\(body)")
        }
        let answered = classify(200, #"{"resultCode":1001,"resultMessage":"bad key"}"#)
        #expect(answered.record.outcome == .rejected)
        #expect(answered.record.resultMessage == "bad key")
    }

    @Test func transients() {
        #expect(classify(500, "oops").record.outcome == .transient)
        #expect(classify(503, "").record.outcome == .transient)
        #expect(classify(408, "").record.outcome == .transient)
        #expect(
            classify(302, "", headers: [HeaderField(name: "Location", value: "/x")]).record.error?.contains("redirect")
                == true)
        let limited = classify(429, "", headers: [HeaderField(name: "Retry-After", value: "7")])
        #expect(limited.record.outcome == .transient)
        #expect(limited.record.retryAfter == .seconds(7))
        #expect(classify(200, "{\"token\":").record.outcome == .transient)
        #expect(classify(200, "[1,2]").record.error?.contains("array") == true)
        #expect(classify(200, "").record.error?.contains("empty body") == true)
        #expect(
            classify(200, #"{"token":12345,"expiry":99999999999999}"#).record.notes.contains(
                "token is a number, not text"))
    }

    @Test func transportErrorsAreTransient() {
        let result = classifier.classify(
            TransportError.timedOut(.seconds(10)), profile: "p", trigger: .check, startedAt: start, finishedAt: end)
        #expect(result.record.outcome == .transient)
        #expect(result.record.error?.contains("timeout") == true)
        #expect(result.record.httpStatus == nil)
    }

    @Test func skewOverTwoSecondsCorrectsTheCountdown() {
        // The server's clock runs 90 s ahead: its expiry of "now+300s" is now+300s on its clock,
        // i.e. 300 s from now on ours.
        let serverNow = end.addingTimeInterval(90)
        let expiry = serverNow.addingTimeInterval(300).epochMilliseconds
        let result = classify(
            200, #"{"token":"t","expiry":\#(expiry)}"#,
            headers: [HeaderField(name: "Date", value: HTTPDate.format(serverNow))])
        let skew = result.record.skew?.seconds ?? 0
        #expect(abs(skew - 90) < 1)
        let remaining = (result.token?.expiresAt.timeIntervalSince(end)) ?? 0
        #expect(abs(remaining - 300) < 1)
    }

    @Test func smallSkewIsIgnored() {
        let expiry = end.addingTimeInterval(300).epochMilliseconds
        let result = classify(
            200, #"{"token":"t","expiry":\#(expiry)}"#,
            headers: [HeaderField(name: "Date", value: HTTPDate.format(end.addingTimeInterval(1)))])
        #expect(result.token?.expiresAt == Date(epochMilliseconds: expiry))
    }

    @Test func requestBodyEscapesAndCarriesBothKeys() throws {
        let body = TokenClient.requestBody(accessKey: "a\"k", secretKey: SecretString("s\\k\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: String])
        #expect(object == ["accessKey": "a\"k", "secretKey": "s\\k\n"])
    }

    /// Our words name what happened and leave status and code to their fields, so the summary
    /// every output prints reads in one order and says nothing twice.
    @Test func errorsReadInOneOrderWithTheSummary() {
        let refused = classify(401, #"{"resultCode":1001,"resultMessage":"Invalid accessKey or secretKey."}"#).record
        #expect(refused.error == "credentials refused")
        #expect(refused.summary() == "credentials refused (HTTP 401, resultCode 1001): Invalid accessKey or secretKey.")
        let limited = classify(429, #"{"resultCode":1029}"#, headers: [HeaderField(name: "Retry-After", value: "5")])
            .record
        #expect(limited.summary() == "rate limited (HTTP 429, resultCode 1029); Retry-After 5s")
        let moved = classify(302, "", headers: [HeaderField(name: "Location", value: "https://elsewhere.example/x")])
            .record
        #expect(
            moved.summary()
                == "redirect not followed (HTTP 302); check baseURL (it points to https://elsewhere.example/x)")
        #expect(classify(503, "").record.summary() == "server error (HTTP 503)")
        #expect(classify(200, "").record.summary() == "empty body (HTTP 200)")
        let html = classify(200, "<html></html>", headers: [HeaderField(name: "Content-Type", value: "text/html")])
            .record
        #expect(html.summary() == "body is not JSON: 13 bytes of text/html (HTTP 200)")
        let noToken = classify(200, #"{"resultCode":0,"resultMessage":"Success"}"#).record
        #expect(noToken.summary() == "no token in the answer despite resultCode 0 (HTTP 200): Success")
    }
}
