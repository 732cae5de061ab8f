import Foundation
import NIOCore
import NIOEmbedded
import Testing

@testable import Control

#if canImport(Glibc)
    import Glibc
#endif

/// When the descriptor freed to shed a waiting client is taken by another thread before the
/// reserve is opened again, accepting pauses and the reserve is retried on a timer (the test's
/// event loop is moved by hand) instead of the listener running on without one.
@Suite struct AcceptReserveTests {
    @Test func aReserveThatCannotBeReopenedPausesAcceptingUntilItIsBack() throws {
        let (directory, listener) = try Self.listening()
        defer { close(listener) }
        let client = try RawSocket(path: directory.socket())
        let opener = ScriptedOpener([nil, -EMFILE, -EMFILE, nil])
        let (reserve, reads, channel) = try Self.pipeline(listener, opener)

        channel.pipeline.fireErrorCaught(IOError(errnoCode: EMFILE, reason: "accept"))
        #expect(client.readLine() == #"{"type":"error"}"#, "the waiting client was shed")
        #expect(reserve.isPaused)
        channel.read()
        #expect(reads.count == 0, "accepted while no descriptor was in reserve")

        channel.embeddedEventLoop.advanceTime(by: .milliseconds(100))
        #expect(opener.calls == 3)
        #expect(reserve.isPaused && reads.count == 0)

        channel.embeddedEventLoop.advanceTime(by: .milliseconds(100))
        #expect(opener.calls == 4)
        #expect(!reserve.isPaused)
        #expect(reads.count == 1, "the read held back goes on once the reserve is back")
        channel.read()
        #expect(reads.count == 2)
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(opener.calls == 4, "no more retries once the reserve is open")
        // Closing the channel removes the handler, which closes the reserve.
        _ = try? channel.finish()
        _ = directory
    }

    @Test func aReserveFileThatIsGoneDoesNotStopAccepting() throws {
        let (directory, listener) = try Self.listening()
        defer { close(listener) }
        let client = try RawSocket(path: directory.socket())
        let opener = ScriptedOpener([nil, -ENOENT])
        let (reserve, reads, channel) = try Self.pipeline(listener, opener)
        channel.pipeline.fireErrorCaught(IOError(errnoCode: EMFILE, reason: "accept"))
        #expect(client.readLine() == #"{"type":"error"}"#)
        #expect(!reserve.isPaused)
        channel.read()
        #expect(reads.count == 1)
        // Closing the channel removes the handler, which closes the reserve.
        _ = try? channel.finish()
        _ = directory
    }

    @Test func aReadHeldWhileStarvedGoesOnWhenTheReserveFileIsThenGone() throws {
        let (directory, listener) = try Self.listening()
        defer { close(listener) }
        let client = try RawSocket(path: directory.socket())
        let opener = ScriptedOpener([nil, -EMFILE, -ENOENT])
        let (reserve, reads, channel) = try Self.pipeline(listener, opener)

        channel.pipeline.fireErrorCaught(IOError(errnoCode: EMFILE, reason: "accept"))
        #expect(client.readLine() == #"{"type":"error"}"#)
        #expect(reserve.isPaused)
        channel.read()
        #expect(reads.count == 0)

        // The retry finds no reserve file at all: accepting goes on without one, and the read
        // held back meanwhile reaches the listener (else it would never accept again).
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(100))
        #expect(opener.calls == 3)
        #expect(!reserve.isPaused)
        #expect(reads.count == 1, "the held read was dropped: the listener stops accepting for good")
        channel.read()
        #expect(reads.count == 2)
        _ = try? channel.finish()
        _ = directory
    }

    /// The reserve on `listener` (retrying every 100 ms) behind a counter of the reads that
    /// reach the listener, in an embedded channel whose clock the test moves.
    static func pipeline(_ listener: Int32, _ opener: ScriptedOpener) throws -> (
        AcceptReserve, ReadCounter, EmbeddedChannel
    ) {
        let reserve = AcceptReserve(
            listener: listener, refusal: #"{"type":"error"}"#, retryInterval: .milliseconds(100), open: opener.next)
        let reads = ReadCounter()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(reads)
        try channel.pipeline.syncOperations.addHandler(reserve)
        return (reserve, reads, channel)
    }

    /// A non-blocking listening socket in a fresh directory.
    static func listening() throws -> (SocketDirectory, Int32) {
        let directory = try SocketDirectory()
        let listener = try UnixListenerSocket.bind(path: directory.socket()).get()
        #expect(listen(listener, 8) == 0)
        _ = fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK)
        return (directory, listener)
    }
}
