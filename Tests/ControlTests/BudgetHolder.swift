/// Stands for a connection's queue in a `ConnectionBudget` (only its identity counts).
final class BudgetHolder {}
