package dev.keywatch.agent;

/** The agent's own voice: one line on stderr, prefixed, never a stack trace. */
public final class Log {
    private Log() {
    }

    public static void warn(String message) {
        System.err.println("[keywatch] " + message);
    }
}
