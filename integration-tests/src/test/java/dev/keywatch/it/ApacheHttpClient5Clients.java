package dev.keywatch.it;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The scripted calls through Apache HttpClient 5, classic and async, with the API every 5.x release has. */
final class ApacheHttpClient5Clients {
    private static org.apache.hc.client5.http.impl.classic.CloseableHttpClient classic5;
    private static org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient async5;

    private ApacheHttpClient5Clients() {
    }

    static String call(String mode, ScriptedCall call) throws Exception {
        switch (mode) {
            case "apache5":
                return apache5(call);
            case "apache5-async":
                return apache5Async(call, false);
            case "apache5-async-pool-closed":
                return apache5Async(call, true);
            default:
                throw new IllegalArgumentException(mode);
        }
    }

    /** HttpClient 5 classic: execute with a response handler (the style Spring's request factory uses). */
    private static String apache5(ScriptedCall call) throws Exception {
        if (classic5 == null) {
            classic5 = org.apache.hc.client5.http.impl.classic.HttpClients.createDefault();
        }
        org.apache.hc.client5.http.classic.methods.HttpPost post =
                new org.apache.hc.client5.http.classic.methods.HttpPost(call.url);
        post.setEntity(new org.apache.hc.core5.http.io.entity.StringEntity(ClientProgram.JSON_BODY,
                org.apache.hc.core5.http.ContentType.APPLICATION_JSON));
        call.headers.forEach(post::setHeader);
        return classic5.execute(post, r -> ClientProgram.seen(r.getCode(),
                r.getEntity() == null ? new byte[0] : org.apache.hc.core5.http.io.entity.EntityUtils.toByteArray(r.getEntity())));
    }

    /**
     * HttpClient 5 async: a simple request and response, waited for. With {@code poolClosed}, the client's
     * connection pool is shut down before the first call, so each call fails inside the client's execution
     * chain rather than in a callback (the one way its connect step throws).
     */
    private static String apache5Async(ScriptedCall call, boolean poolClosed) throws Exception {
        if (async5 == null) {
            org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager pool =
                    org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder.create().build();
            async5 = org.apache.hc.client5.http.impl.async.HttpAsyncClients.custom().setConnectionManager(pool).build();
            async5.start();
            if (poolClosed) {
                pool.close();
            }
        }
        // The constructor and setBody every 5.x release has (SimpleRequestBuilder came with 5.1).
        org.apache.hc.client5.http.async.methods.SimpleHttpRequest request =
                new org.apache.hc.client5.http.async.methods.SimpleHttpRequest("POST", java.net.URI.create(call.url));
        request.setBody(ClientProgram.JSON_BODY, org.apache.hc.core5.http.ContentType.APPLICATION_JSON);
        call.headers.forEach(request::setHeader);
        try {
            org.apache.hc.client5.http.async.methods.SimpleHttpResponse r =
                    async5.execute(request, null).get(30, TimeUnit.SECONDS);
            byte[] body = r.getBodyBytes() == null ? new byte[0] : r.getBodyBytes();
            return ClientProgram.seen(r.getCode(), body);
        } catch (ExecutionException e) {
            return "error=" + ClientProgram.describe(e.getCause());
        }
    }
}
