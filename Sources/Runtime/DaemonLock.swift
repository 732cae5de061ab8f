/// The daemon's side of "one refresher per profiles file": it takes the instance lock or
/// refuses (exit 2), naming the process that holds it. (A dashboard views that process instead:
/// `InstanceRole`.)
enum DaemonLock {
    static func take(_ instance: InstanceDirectory) throws(RuntimeExit) -> InstanceLock {
        let lock: InstanceLock?
        do {
            _ = try instance.create()
            lock = try InstanceLock.acquire(at: instance.lockPath)
        } catch {
            Console.error("\(error)")
            throw RuntimeExit.configuration
        }
        guard let lock else {
            Console.error(refusal(instance, owner: OwnerRecord.read(from: instance.ownerPath)))
            throw RuntimeExit.configuration
        }
        return lock
    }

    static func refusal(_ instance: InstanceDirectory, owner: OwnerRecord?) -> String {
        let who = owner.map { "another tokentop (\($0.role.rawValue), pid \($0.pid))" } ?? "another tokentop"
        return """
            \(who) already refreshes \(instance.configPath) (it holds \(instance.lockPath)); \
            two refreshers for one profiles file are never run. Stop it first, or open a dashboard to view it.
            """
    }
}
