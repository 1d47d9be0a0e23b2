package dev.keywatch.it;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The scripted calls through Vert.x's core HTTP client and its WebClient, with the API Vert.x 4 and 5 share. */
final class VertxClients {
    private static Vertx vertx;
    private static HttpClient core;
    private static WebClient web;

    private VertxClients() {
    }

    static synchronized String call(String mode, ScriptedCall call) throws Exception {
        if (vertx == null) {
            // The JDK's resolver, which reads the test's hosts file; Vert.x's own would ask DNS.
            System.setProperty("vertx.disableDnsResolver", "true");
            vertx = Vertx.vertx();
            // Vert.x 5 returns an HttpClientAgent (an HttpClient) where 4 returns an HttpClient: called by
            // name, so that these classes, compiled against 5, link against 4 too.
            core = (HttpClient) Vertx.class.getMethod("createHttpClient").invoke(vertx);
            web = WebClient.create(vertx);
        }
        try {
            switch (mode) {
                case "vertx":
                    // The body is asked for before the request is sent, so that it is asked for on the event
                    // loop as the response's head arrives. Asked for in a stage chained after send(), it was
                    // asked for on this thread whenever the request came from the pool at once, and a thread
                    // descheduled for the round trip then asked a response that had ended: an empty body
                    // (seen on CI, with the agent's threads on the same two cores).
                    return core.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(call.url))
                            .compose(request -> {
                                call.headers.forEach(request::putHeader);
                                request.putHeader("Content-Type", "application/json");
                                Future<String> seen = request.response().compose(response -> response.body()
                                        .map(body -> ClientProgram.seen(response.statusCode(), body.getBytes())));
                                request.end(ClientProgram.JSON_BODY);
                                return seen;
                            })
                            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                case "vertx-webclient": {
                    io.vertx.ext.web.client.HttpRequest<Buffer> request = web.postAbs(call.url);
                    call.headers.forEach(request::putHeader);
                    return request.putHeader("Content-Type", "application/json")
                            .sendBuffer(Buffer.buffer(ClientProgram.JSON_BODY))
                            .map(response -> ClientProgram.seen(response.statusCode(),
                                    response.body() == null ? new byte[0] : response.body().getBytes()))
                            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                }
                default:
                    throw new IllegalArgumentException(mode);
            }
        } catch (ExecutionException e) {
            return "error=" + ClientProgram.describe(e.getCause());
        }
    }

    static synchronized void shutdown() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
