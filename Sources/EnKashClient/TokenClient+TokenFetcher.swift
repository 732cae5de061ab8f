import TokenModel

/// The EnKash client is what the refresh service fetches tokens with.
extension TokenClient: TokenFetcher {}
