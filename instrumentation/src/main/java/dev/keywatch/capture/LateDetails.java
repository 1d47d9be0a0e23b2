package dev.keywatch.capture;

/**
 * What an exchange reads on the reporting thread rather than the application's: the method, path,
 * credentials and retry count of the request, and a success's kept response headers. Only for clients
 * whose request, URL and header objects never change once built (OkHttp's, the JDK client's), so that
 * reading them a few milliseconds later reads what was sent. The application's call then pays a few
 * getter calls where it would pay header scans, credential reduction and a map of headers.
 *
 * <p>It holds the application's own objects, never a copy of a key, and is read once and let go.
 */
@FunctionalInterface
public interface LateDetails {
    /** Reads into the exchange; runs once, after the application has moved on. */
    void readInto(CapturedExchange.Builder exchange) throws Throwable;

    /** Both, in turn: the request's details learnt at its start, the headers of the response at its end. */
    static LateDetails both(LateDetails first, LateDetails second) {
        if (first == null) {
            return second;
        }
        if (second == null) {
            return first;
        }
        return exchange -> {
            first.readInto(exchange);
            second.readInto(exchange);
        };
    }
}
