package dev.keywatch.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/** The scripted calls through Reactor Netty's own HTTP client, as applications write them. */
final class ReactorNettyClients {
    private static HttpClient client;

    private ReactorNettyClients() {
    }

    static String call(String mode, ScriptedCall call) {
        if (client == null) {
            // The JDK's resolver, which reads the test's hosts file; Netty's own resolver would ask DNS.
            client = HttpClient.create().resolver(io.netty.resolver.DefaultAddressResolverGroup.INSTANCE)
                    .responseTimeout(Duration.ofSeconds(30));
        }
        return client
                .headers(h -> call.headers.forEach(h::set))
                .headers(h -> h.set("Content-Type", "application/json"))
                .post()
                .uri(call.url)
                .send(ByteBufFlux.fromString(Mono.just(ClientProgram.JSON_BODY), StandardCharsets.UTF_8,
                        io.netty.buffer.ByteBufAllocator.DEFAULT))
                .responseSingle((response, body) -> body.asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> ClientProgram.seen(response.status().code(), bytes)))
                .onErrorResume(e -> Mono.just("error=" + ClientProgram.describe(e)))
                .block(Duration.ofSeconds(30));
    }
}
