/// Where the refresh code asks for one token (the client seam): `TokenClient` in production, a
/// scripted stand-in in tests.
///
/// `fetch` never throws: every way a request can end (success, refusal, network error,
/// cancellation) comes back as a classified `FetchResult`, so the caller logs every attempt.
public protocol TokenFetcher: Sendable {
    /// The clock the fetcher stamps its records with; the refresh service schedules on it too.
    var time: TimeSource { get }

    /// Asks for a token for `profile`; returns when the request ended (or was cancelled).
    func fetch(_ profile: Profile, trigger: AttemptTrigger) async -> FetchResult
}
