import Testing

@testable import Control

@Suite struct ConnectionBudgetTests {
    @Test func theConnectionCapLeavesDescriptorsInReserve() {
        let reserve = Int(ConnectionBudget.descriptorsInReserve)
        #expect(ConnectionBudget.connectionCap(64, descriptorLimit: 20_000) == 64)
        #expect(ConnectionBudget.connectionCap(64, descriptorLimit: UInt64(reserve + 10)) == 10)
        #expect(ConnectionBudget.connectionCap(64, descriptorLimit: UInt64(reserve)) == 1)
        #expect(ConnectionBudget.connectionCap(64, descriptorLimit: 8) == 1)
        #expect(ConnectionBudget.connectionCap(64, descriptorLimit: nil) == 64)
    }

    @Test func theConnectionCapCountsConnectionsInAndOut() {
        let budget = ConnectionBudget(
            limits: ControlLimits(connections: 2, totalQueuedBytes: 1_000), descriptorLimit: 20_000)
        #expect(budget.admit())
        #expect(budget.admit())
        #expect(!budget.admit(), "a third connection past a cap of 2")
        budget.leave()
        #expect(budget.admit())
    }

    /// Clients of the socket's group that connect and sit idle fill the cap only up to the
    /// reserve; the refresher's own user and root still get in.
    @Test func theLastPlacesAreKeptForTheOwner() {
        let budget = ConnectionBudget(
            limits: ControlLimits(connections: 16, totalQueuedBytes: 1_000), descriptorLimit: 20_000)
        #expect(budget.ownerReserve == 2)
        for _ in 0..<14 { #expect(budget.admit(owner: false)) }
        #expect(!budget.admit(owner: false), "a group member past cap minus reserve")
        #expect(budget.admit(owner: true))
        #expect(budget.admit(owner: true))
        #expect(!budget.admit(owner: true), "the cap itself holds for the owner too")
        budget.leave()
        #expect(!budget.admit(owner: false), "a freed reserve place stays the owner's")
        #expect(budget.admit(owner: true))
        #expect(ConnectionBudget(limits: ControlLimits(connections: 3), descriptorLimit: 20_000).ownerReserve == 0)
    }

    @Test func onlyTheRefreshersUserAndRootUseTheReserve() {
        let authority = ControlAuthority(ownerUID: 1000, othersMayAct: true)
        #expect(authority.isOwnerOrRoot(peerUID: 1000))
        #expect(authority.isOwnerOrRoot(peerUID: 0))
        #expect(!authority.isOwnerOrRoot(peerUID: 1001), "acting rights do not make a group member the owner")
        #expect(!authority.isOwnerOrRoot(peerUID: nil))
    }

    @Test func pastTheTotalTheClientHoldingTheMostIsEvictedNotTheNewcomer() {
        let budget = ConnectionBudget(limits: ControlLimits(totalQueuedBytes: 1_000), descriptorLimit: 20_000)
        let idle = BudgetHolder()
        let other = BudgetHolder()
        let newcomer = BudgetHolder()
        let evicted = EvictionLog()
        budget.register(idle) { evicted.add("idle: \($0)") }
        budget.register(other) { evicted.add("other: \($0)") }
        budget.register(newcomer) { evicted.add("newcomer: \($0)") }
        #expect(budget.reserve(700, for: idle).refused == nil)
        #expect(budget.reserve(250, for: other).refused == nil)
        // The newcomer's hello would pass the total: the client holding the most goes.
        let hello = budget.reserve(100, for: newcomer)
        #expect(hello.refused == nil)
        #expect(evicted.all.isEmpty, "evictions run outside the budget's lock, by the caller")
        for eviction in hello.evictions { eviction() }
        #expect(evicted.all.count == 1)
        #expect(evicted.all.first?.hasPrefix("idle: it held the largest share (700 bytes)") == true, "\(evicted.all)")
        #expect(budget.queuedBytes == 350)
        // The evicted client's bytes no longer count, whatever it later reports.
        budget.release(700, for: idle)
        #expect(budget.queuedBytes == 350)
        // A client that itself holds the most is refused rather than evicting smaller ones.
        let greedy = budget.reserve(700, for: other)
        #expect(
            greedy.refused?.hasPrefix("it held the largest share when the clients together passed 1000 bytes") == true)
        #expect(greedy.evictions.isEmpty)
        #expect(budget.queuedBytes == 350)
        // What a connection held goes when it ends.
        budget.unregister(other)
        budget.unregister(newcomer)
        #expect(budget.queuedBytes == 0)
    }
}
