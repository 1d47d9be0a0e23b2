package dev.keywatch.capture;

import dev.keywatch.credential.ReducedCredential;
import java.util.List;

/**
 * What an exchange reads of its request on the reporting thread rather than the application's: method,
 * path, credentials and retry count. Only for clients whose request, URL and header objects never change
 * once built (OkHttp's, the JDK client's), so that reading them a few milliseconds later reads what was
 * sent. The application's call then pays a few getter calls where it would pay header lookups and
 * credential reduction. (Response headers are read at once: the application's thread has just parsed
 * them, and reading them there costs a fraction of what the reporting thread pays to fetch them again
 * from memory.)
 *
 * <p>It holds the application's own objects, never a copy of a key, and is read once and let go.
 */
@FunctionalInterface
public interface LateDetails {
    /** Reads into the exchange; runs once, after the application has moved on. */
    void readInto(Fields exchange) throws Throwable;

    /** What late details fill in: the exchange's request fields, writable only while they are read. */
    interface Fields {
        Fields method(String method);

        /** The raw path, without the query string. */
        Fields path(String rawPath);

        /** Every credential the request carried, reduced. */
        Fields credentials(List<ReducedCredential> credentials);

        /** {@code X-Stainless-Retry-Count}, or -1 when absent. */
        Fields retryAttempt(int attempt);
    }
}
