package dev.keywatch.instrumentation.support;

import dev.keywatch.capture.LateDetails;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.credential.CredentialLocation;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.credential.ReducedCredential;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads the credential headers every provider uses from a request, and reduces them as it reads. */
public final class RequestCredentials {
    /** Reads one request header by name (case-insensitive), null when absent. */
    public interface HeaderReader {
        String get(String name) throws Throwable;
    }

    /**
     * Every request header Keywatch reads, in slot order: the four credential headers and the SDK's retry
     * count. Their lengths differ, so a header's slot is found by its length and one comparison.
     */
    public static final List<String> NAMES = Collections.unmodifiableList(java.util.Arrays.asList(
            "Authorization", "x-api-key", "api-key", "x-goog-api-key", "x-stainless-retry-count"));

    private RequestCredentials() {
    }

    /** The slot in {@link #NAMES} of a header name, whatever its case; -1 for any other header. */
    public static int slotOf(String headerName) {
        int slot;
        switch (headerName.length()) {
            case 13: slot = 0; break;
            case 9: slot = 1; break;
            case 7: slot = 2; break;
            case 14: slot = 3; break;
            case 23: slot = 4; break;
            default: return -1;
        }
        return NAMES.get(slot).equalsIgnoreCase(headerName) ? slot : -1;
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
        out = add(out, value(headers, "Authorization"), reducer, null);
        out = add(out, value(headers, "x-api-key"), reducer, CredentialLocation.X_API_KEY);
        out = add(out, value(headers, "api-key"), reducer, CredentialLocation.API_KEY);
        out = add(out, value(headers, "x-goog-api-key"), reducer, CredentialLocation.X_GOOG_API_KEY);
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
        String v = value(headers, "x-stainless-retry-count");
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
