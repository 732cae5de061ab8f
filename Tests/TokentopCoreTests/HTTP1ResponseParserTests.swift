import Testing

@testable import TokentopCore

/// The HTTP/1.x answer reader, byte by byte: framing, limits, and every way an answer can break.
@Suite struct HTTP1ResponseParserTests {
    typealias Parser = HTTP1ResponseParser

    /// Feeds `text` in pieces of `step` bytes; the answer, or the failure.
    static func parse(_ text: String, step: Int = .max, close: Bool = false, bodyLimit: Int = 64 * 1024)
        -> Result<Parser.Response?, Parser.Failure>
    {
        var parser = Parser(headLimit: 1024, bodyLimit: bodyLimit)
        let bytes = Array(text.utf8)
        var offset = 0
        do throws(Parser.Failure) {
            while offset < bytes.count {
                let end = min(bytes.count, offset + min(step, bytes.count))
                if let answer = try parser.feed(bytes[offset..<end]) {
                    guard end == bytes.count else { return .failure(.malformed("answer ended early in the test")) }
                    return .success(answer)
                }
                offset = end
            }
            return .success(close ? try parser.finish() : nil)
        } catch {
            return .failure(error)
        }
    }

    static func body(_ result: Result<Parser.Response?, Parser.Failure>) -> String? {
        guard case .success(let answer?) = result else { return nil }
        return String(decoding: answer.body, as: UTF8.self)
    }

    @Test(arguments: [1, 2, 7, 1000])
    func contentLengthAnswerInAnyPieces(step: Int) throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"token\":1}"
        let answer = try #require(try Self.parse(text, step: step).get())
        #expect(answer.status == 200)
        #expect(answer.keepAlive)
        #expect(String(decoding: answer.body, as: UTF8.self) == "{\"token\":1}")
        #expect(answer.headers == [
            HeaderField(name: "Content-Type", value: "application/json"), HeaderField(name: "Content-Length", value: "11"),
        ])
    }

    @Test(arguments: [1, 3, 1000])
    func chunkedAnswerWithExtensionsAndTrailers(step: Int) {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: 1\r\n\r\n"
        #expect(Self.body(Self.parse(text, step: step)) == "hello world")
    }

    @Test func bareLineFeedsAreAccepted() {
        #expect(Self.body(Self.parse("HTTP/1.1 200 OK\nContent-Length: 2\n\nok")) == "ok")
    }

    @Test func incompleteAnswerIsNotAnAnswer() {
        #expect(Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") == .success(nil))
        #expect(Self.parse("HTTP/1.1 200 OK\r\nContent-Len") == .success(nil))
    }

    @Test func bodyUntilCloseEndsWithTheConnection() throws {
        let answer = try #require(try Self.parse("HTTP/1.1 200 OK\r\n\r\nall of it", close: true).get())
        #expect(String(decoding: answer.body, as: UTF8.self) == "all of it")
        #expect(!answer.keepAlive, "a body framed by the close ends the connection")
    }

    @Test func closeBeforeTheEndSaysWhetherAnythingCame() {
        #expect(Self.parse("", close: true) == .failure(.closedEarly(started: false)))
        #expect(Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", close: true) == .failure(.closedEarly(started: true)))
        #expect(
            Self.parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", close: true)
                == .failure(.closedEarly(started: true)))
    }

    @Test func connectionCloseAndHTTP10TurnKeepAliveOff() throws {
        let closing = try #require(try Self.parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").get())
        #expect(!closing.keepAlive)
        let old = try #require(try Self.parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").get())
        #expect(!old.keepAlive)
        let oldKept = try #require(try Self.parse("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n").get())
        #expect(oldKept.keepAlive)
    }

    @Test func interimAnswersAreSkipped() throws {
        let text = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nk"
        let answer = try #require(try Self.parse(text, step: 5).get())
        #expect(answer.status == 201)
        #expect(answer.headers == [HeaderField(name: "Content-Length", value: "1")])
    }

    @Test func noBodyFor204And304() throws {
        #expect(try Self.parse("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n").get()?.body == [])
        #expect(try Self.parse("HTTP/1.1 304 Not Modified\r\n\r\n").get()?.status == 304)
    }

    @Test func redirectsAreAnswersNotFollowed() throws {
        let answer = try #require(try Self.parse("HTTP/1.1 302 Found\r\nLocation: http://elsewhere/\r\nContent-Length: 0\r\n\r\n").get())
        #expect(answer.status == 302)
    }

    @Test func bodyLimitRefusesLargeBodiesWhateverTheFraming() {
        #expect(Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n", bodyLimit: 10) == .failure(.bodyTooLarge(limit: 10)))
        #expect(
            Self.parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\nabcdef\r\n", bodyLimit: 10)
                == .failure(.bodyTooLarge(limit: 10)))
        #expect(Self.parse("HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "x", count: 11), step: 3, bodyLimit: 10) == .failure(.bodyTooLarge(limit: 10)))
        #expect(Self.body(Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", bodyLimit: 10)) == "0123456789")
    }

    @Test func headLimitRefusesEndlessHeaders() {
        let endless = "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Filler: 0123456789\r\n", count: 100)
        #expect(Self.parse(endless, step: 50) == .failure(.headTooLarge(limit: 1024)))
        let oneLongLine = "HTTP/1.1 200 OK\r\nX-Long: " + String(repeating: "y", count: 2000)
        #expect(Self.parse(oneLongLine, step: 100) == .failure(.headTooLarge(limit: 1024)))
    }

    @Test(arguments: [
        "<html>500</html>\r\n\r\n",
        "HTTP/2 200\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 abc OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
        "HTTP/1.1 200 OK\r\n: empty name\r\n\r\n",
        "HTTP/1.1 200 OK\r\nbad name: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nabc\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1 0\r\nabc\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n+5\r\nabcde\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n123456789\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: xchunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nabcde",
        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
    ])
    func brokenAnswersAreRefusedWithAReason(text: String) {
        guard case .failure(.malformed(let reason)) = Self.parse(text, step: 4) else {
            Issue.record("\(text.debugDescription) was not refused as malformed: \(Self.parse(text, step: 4))")
            return
        }
        #expect(!reason.isEmpty)
    }

    @Test func bytesAfterTheAnswerEndTheConnection() throws {
        var parser = Parser()
        let answer = try #require(try parser.feed(Array("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nab".utf8)))
        #expect(String(decoding: answer.body, as: UTF8.self) == "a")
        #expect(!answer.keepAlive, "the connection carries bytes nobody asked for")
        #expect(throws: Parser.Failure.self) { try parser.feed(Array("c".utf8)) }
    }

    @Test func differentButEqualContentLengthsAreOneLength() {
        #expect(Self.body(Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nok")) == "ok")
    }

    @Test func chunkedWinsOverContentLengthAndEndsTheConnection() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"
        let answer = try #require(try Self.parse(text).get())
        #expect(String(decoding: answer.body, as: UTF8.self) == "ok")
        #expect(!answer.keepAlive)
    }
}
