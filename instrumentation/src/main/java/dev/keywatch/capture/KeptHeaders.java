package dev.keywatch.capture;

import java.util.Map;

/**
 * A response's kept headers (see {@link ResponseHeaders}), read from the client's own header object when
 * they are wanted: at once for an error, on the reporting thread for a success.
 */
@FunctionalInterface
public interface KeptHeaders {
    Map<String, String> read() throws Throwable;
}
