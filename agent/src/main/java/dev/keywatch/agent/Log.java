package dev.keywatch.agent;

import java.io.PrintStream;

/** The agent's own voice: one line on stderr, prefixed, never a stack trace unless asked for. */
public final class Log {
    private static volatile PrintStream out = System.err;

    private Log() {
    }

    public static void warn(String message) {
        out.println("[keywatch] " + message);
    }

    public static void info(String message) {
        out.println("[keywatch] " + message);
    }

    /** For tests of the agent's own messages. */
    static void redirect(PrintStream stream) {
        out = stream;
    }
}
