import Dashboard

/// Sends keys through `update` and collects the commands.
@discardableResult
func press(_ state: inout DashboardState, _ keys: Key...) -> [DashboardCommand] {
    keys.flatMap { update(&state, .key($0)) }
}

/// Types text as character keys.
@discardableResult
func type(_ state: inout DashboardState, _ text: String) -> [DashboardCommand] {
    text.flatMap { update(&state, .key(.char($0))) }
}
