package dev.keywatch.instrumentation.support;

/**
 * A request's headers, each read by name through the library's own lookup ({@code get(String)},
 * {@code findValue(String)}); none at all when the library had no header object. A class rather than a
 * lambda: the capture runs deep inside the client's frames, where C2 does not inline a lambda's factory
 * and each capture would allocate through the VM.
 */
public final class LibraryHeaders implements RequestCredentials.HeaderReader {
    private final Accessor lookup;
    private final Object headers;

    public LibraryHeaders(Accessor lookup, Object headers) {
        this.lookup = lookup;
        this.headers = headers;
    }

    @Override
    public String get(String name) throws Throwable {
        return headers == null ? null : (String) lookup.call(headers, name);
    }
}
