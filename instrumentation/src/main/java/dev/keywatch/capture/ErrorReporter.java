package dev.keywatch.capture;

/** Where the agent's swallowed exceptions go: counted and, once per component, logged. */
public interface ErrorReporter {
    void report(String component, Throwable error);
}
