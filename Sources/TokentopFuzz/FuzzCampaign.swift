/// A seeded run over one target: mutate a seed (or an earlier mutant), run it, check it.
public struct FuzzCampaign: Sendable {
    public var target: FuzzTarget
    public var seed: UInt64

    public init(target: FuzzTarget, seed: UInt64) {
        self.target = target
        self.seed = seed
    }

    public struct Report: Sendable {
        public var executions = 0
        /// Distinct outcome names seen (a crude stand-in for coverage).
        public var outcomes: Set<String> = []
        public var violations: [(iteration: Int, input: [UInt8], violation: FuzzTarget.Violation)] = []
    }

    /// Runs until `shouldStop` says so (checked every 64 executions) or `limit` executions.
    /// `before` sees each input before it runs (a worker process saves it, to name a crash).
    public func run(
        limit: Int = .max, before: (Int, [UInt8]) -> Void = { _, _ in }, shouldStop: () -> Bool = { false }
    ) -> Report {
        var mutator = ByteMutator(seed: seed)
        var report = Report()
        var pool = target.seeds
        var iteration = 0
        while iteration < limit {
            if iteration % 64 == 0 && shouldStop() { break }
            let base = mutator.pick(pool)
            let input = mutator.mutate(base, splicingWith: mutator.pick(pool))
            before(iteration, input)
            switch target.run(input, variant: iteration) {
            case .success(let outcome):
                // Keep inputs that reached something new: the next mutations start from there.
                if report.outcomes.insert(outcome).inserted && pool.count < 256 { pool.append(input) }
            case .failure(let violation):
                report.violations.append((iteration, input, violation))
            }
            report.executions += 1
            iteration += 1
        }
        return report
    }
}
