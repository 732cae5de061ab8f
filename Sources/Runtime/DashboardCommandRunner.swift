import Dashboard
import Foundation
import Terminal
import TokenModel

/// Runs a dashboard command on the token service (local, or the owner over its socket);
/// outcomes and failures come back as notices.
///
/// A reload gives one notice: a file that was applied is announced by the service's `reloaded`
/// event (which every dashboard on this refresher sees), a refused one by this runner (the
/// service sends no event then).
enum DashboardCommandRunner {
    static func perform(_ command: DashboardCommand, on service: any TokenService, inbox: MessageInbox) async {
        do {
            switch command {
            case .refresh(let name, let force):
                // A record reused within the rate limit would look like a fresh one: say so.
                if let notice = try await service.refreshAnswer(name, force: force)?.reuseNotice(now: Date()) {
                    inbox.post(.info(notice))
                }
            case .refreshAll: _ = try await service.refreshAll(includeRejected: false)
            case .togglePause(let name): try await service.togglePause(name)
            case .copyToken(let name, let header):
                guard let token = await service.token(for: name) else {
                    inbox.post(.notice("\(name) holds no valid token to copy right now"))
                    return
                }
                let text = header ? "Authorization: Bearer " + token.value.reveal() : token.value.reveal()
                inbox.postClipboard(SecretString(text))
                let what = header ? "the Authorization header" : "the token"
                inbox.post(.info("copied \(what) of \(name) (fingerprint \(token.fingerprint)) to the clipboard"))
            case .reload:
                let summary = try await service.reload()
                inbox.post(.snapshot(await service.snapshot()))
                if let notice = reloadNotice(summary) { inbox.post(notice) }
            case .quit, .repaint, .setTheme, .bell: break
            }
        } catch {
            inbox.post(.notice("\(error)"))
        }
    }

    /// The runner's own notice after a reload: only for a refused file (`profiles file not
    /// reloaded, …`); an applied one is announced by the `reloaded` event.
    static func reloadNotice(_ summary: ReloadSummary?) -> DashboardMsg? {
        guard let summary, !summary.errors.isEmpty else { return nil }
        return .notice("profiles file \(summary)")
    }
}
