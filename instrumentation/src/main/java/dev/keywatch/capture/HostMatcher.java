package dev.keywatch.capture;

/**
 * Decides whether a host is an LLM host. It is the one thing every instrumented request pays for, so
 * an implementation must answer a non-LLM host without allocating.
 */
public interface HostMatcher {
    /** The provider name for this host and port, or null when it is not an LLM host. */
    String providerFor(String host, int port);
}
