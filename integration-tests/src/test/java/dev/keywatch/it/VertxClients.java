package dev.keywatch.it;

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
                    return core.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(call.url))
                            .compose(request -> {
                                call.headers.forEach(request::putHeader);
                                request.putHeader("Content-Type", "application/json");
                                return request.send(ClientProgram.JSON_BODY);
                            })
                            .compose(response -> response.body()
                                    .map(body -> ClientProgram.seen(response.statusCode(), body.getBytes())))
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
