import TokenModel

/// A follower's mailbox as the service holds it: the stream (its consumer) owns the mailbox.
struct WeakMailbox {
    weak var mailbox: EventMailbox?
}
