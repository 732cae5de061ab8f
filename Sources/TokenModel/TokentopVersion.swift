/// tokentop's version: sent in the EnKash user agent and in the control socket's hello.
public enum TokentopVersion {
    public static let current = "0.1.0"
}
