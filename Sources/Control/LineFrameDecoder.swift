import NIOCore

/// One frame off the wire: a line (newline removed), or word that a line was too long.
enum LineFrame: Sendable {
    case line(ByteBuffer)
    /// A line passed `maximumLength`; its bytes up to the next newline are skipped.
    case oversize
}

/// Splits the byte stream at `\n` (a `\r` before it is dropped too). A line longer than
/// `maximumLength` yields `.oversize` once and is discarded up to its newline, so one bad line
/// never costs more than `maximumLength` bytes of memory and the connection stays usable.
struct LineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = LineFrame

    let maximumLength: Int
    private var discarding = false
    /// How far the buffer was already searched for a newline.
    private var scanned = 0

    init(maximumLength: Int) { self.maximumLength = maximumLength }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        let start = view.index(view.startIndex, offsetBy: scanned)
        if let newline = view[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - view.startIndex
            scanned = 0
            if discarding {
                discarding = false
                buffer.moveReaderIndex(forwardBy: length + 1)
                return .continue
            }
            let carriageReturn = length > 0 && view[view.index(before: newline)] == UInt8(ascii: "\r")
            guard let line = buffer.readSlice(length: carriageReturn ? length - 1 : length) else {
                return .needMoreData
            }
            buffer.moveReaderIndex(forwardBy: carriageReturn ? 2 : 1)
            if line.readableBytes > maximumLength {
                context.fireChannelRead(wrapInboundOut(.oversize))
            } else {
                context.fireChannelRead(wrapInboundOut(.line(line)))
            }
            return .continue
        }
        if discarding {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            scanned = 0
            return .needMoreData
        }
        if buffer.readableBytes > maximumLength + 1 {
            discarding = true
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            scanned = 0
            context.fireChannelRead(wrapInboundOut(.oversize))
            return .continue
        }
        scanned = buffer.readableBytes
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        // A last line without a newline is dropped: every message ends with one.
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        return .needMoreData
    }
}
