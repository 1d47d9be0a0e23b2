package dev.keywatch.instrumentation.support;

import dev.keywatch.capture.LateDetails;
import dev.keywatch.capture.NameSlots;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.credential.CredentialLocation;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.credential.ReducedCredential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Reads the credential headers every provider uses from a request, and reduces them as it reads. */
public final class RequestCredentials {
    /** Reads one request header by name (case-insensitive), null when absent. */
    public interface HeaderReader {
        String get(String name) throws Throwable;
    }

    private static final String AUTHORIZATION = "Authorization";
    private static final String X_API_KEY = "x-api-key";
    private static final String API_KEY = "api-key";
    private static final String X_GOOG_API_KEY = "x-goog-api-key";
    private static final String RETRY_COUNT = "x-stainless-retry-count";
    /** Every request header Keywatch reads, in slot order: the four credential headers and the SDK's retry count. */
    private static final NameSlots SLOTS = new NameSlots(
            Arrays.asList(AUTHORIZATION, X_API_KEY, API_KEY, X_GOOG_API_KEY, RETRY_COUNT));
    public static final List<String> NAMES = SLOTS.names();

    private RequestCredentials() {
    }

    /** The slot in {@link #NAMES} of a header name, whatever its case; -1 for any other header. */
    public static int slotOf(String headerName) {
        return SLOTS.slot(headerName);
    }

    /**
     * Describes what was sent on the exchange: method, raw path, the credentials of the headers and the query
     * reduced as they are read, and the SDK's retry attempt.
     */
    public static PendingExchange describe(PendingExchange exchange, CredentialReducer reducer, String method,
                                           String rawPath, String rawQuery, HeaderReader headers) throws Throwable {
        return exchange.describeRequest(method, rawPath, reduce(reducer, headers, rawQuery), retryAttempt(headers));
    }

    /** The same, into an exchange whose {@link LateDetails} are being read. */
    public static void describe(LateDetails.Fields exchange, CredentialReducer reducer, String method,
                                String rawPath, String rawQuery, HeaderReader headers) throws Throwable {
        exchange.method(method).path(rawPath).credentials(reduce(reducer, headers, rawQuery))
                .retryAttempt(retryAttempt(headers));
    }

    public static List<ReducedCredential> reduce(CredentialReducer reducer, HeaderReader headers, String rawQuery)
            throws Throwable {
        List<ReducedCredential> out = null;
        out = add(out, value(headers, AUTHORIZATION), reducer, null);
        out = add(out, value(headers, X_API_KEY), reducer, CredentialLocation.X_API_KEY);
        out = add(out, value(headers, API_KEY), reducer, CredentialLocation.API_KEY);
        out = add(out, value(headers, X_GOOG_API_KEY), reducer, CredentialLocation.X_GOOG_API_KEY);
        if (rawQuery != null && rawQuery.contains("key=")) {
            ReducedCredential q = reducer.reduceQuery(rawQuery);
            if (q != null) {
                out = out == null ? new ArrayList<>(1) : out;
                out.add(q);
            }
        }
        return out == null ? Collections.<ReducedCredential>emptyList() : out;
    }

    /** {@code X-Stainless-Retry-Count}: 0 for the first attempt, -1 when the SDK does not say. */
    public static int retryAttempt(HeaderReader headers) throws Throwable {
        String v = value(headers, RETRY_COUNT);
        if (v == null) {
            return -1;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String value(HeaderReader headers, String name) throws Throwable {
        return headers.get(name);
    }

    private static List<ReducedCredential> add(List<ReducedCredential> out, String raw, CredentialReducer reducer,
                                               CredentialLocation location) {
        if (raw == null) {
            return out;
        }
        List<ReducedCredential> list = out == null ? new ArrayList<>(2) : out;
        list.add(location == null ? reducer.reduceAuthorization(raw) : reducer.reduceHeader(location, raw));
        return list;
    }
}
