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

    @Test func eachConnectionGetsItsShareOfTheBudget() {
        let budget = ConnectionBudget(limits: ControlLimits(connections: 2, totalQueuedBytes: 1_000), descriptorLimit: 20_000)
        #expect(budget.admit())
        #expect(budget.admit())
        #expect(!budget.admit(), "a third connection past a cap of 2")
        #expect(budget.reserve(500, held: 0) == nil)
        #expect(budget.reserve(1, held: 500)?.contains("share of 500 bytes") == true)
        #expect(budget.reserve(400, held: 0) == nil)
        #expect(budget.queuedBytes == 900)
        #expect(budget.reserve(200, held: 400)?.contains("share") == true)
        budget.release(500)
        budget.leave()
        #expect(budget.queuedBytes == 400)
        #expect(budget.reserve(600, held: 400) == nil, "alone, a connection may use the whole budget")
        #expect(budget.admit())
    }
}
