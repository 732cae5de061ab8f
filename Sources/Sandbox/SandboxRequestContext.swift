import Hummingbird
import NIOCore

/// Request context for the sandbox's router: the basics, plus the connection's channel so a held
/// request can notice the client hanging up and the server can drop a connection without answering.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
