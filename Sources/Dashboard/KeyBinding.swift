/// One row of the key map: which keys, in which context, do what.
public struct KeyBinding: Sendable, Equatable {
    public var keys: [Key]
    public var action: Action
    public var context: KeyContext
    /// What the binding does, as the help overlay and README say it.
    public var description: String
    /// How the keys are written when listing every key would be clumsy (`1-9`); nil joins the labels.
    public var keyLabel: String?
    /// The footer's short form (`("r", "refresh")`); nil keeps the binding out of the footer.
    public var footer: (keys: String, hint: String)?
    /// Whether the binding acts on the refresher (a token request, a pause, a reload), which a
    /// read-only viewer may not: there it is greyed out and refused with a notice.
    public var acts: Bool

    public init(
        _ keys: [Key], _ action: Action, _ context: KeyContext, _ description: String,
        keyLabel: String? = nil, footer: (keys: String, hint: String)? = nil, acts: Bool = false
    ) {
        self.keys = keys
        self.action = action
        self.context = context
        self.description = description
        self.keyLabel = keyLabel
        self.footer = footer
        self.acts = acts
    }

    /// The keys as written for people: `↑ / k`, `1-9`, `q / F10 / Ctrl-C`.
    public var label: String { keyLabel ?? keys.map(\.label).joined(separator: " / ") }

    public static func == (lhs: KeyBinding, rhs: KeyBinding) -> Bool {
        lhs.keys == rhs.keys && lhs.action == rhs.action && lhs.context == rhs.context
            && lhs.description == rhs.description && lhs.keyLabel == rhs.keyLabel
            && lhs.footer?.keys == rhs.footer?.keys && lhs.footer?.hint == rhs.footer?.hint && lhs.acts == rhs.acts
    }
}
