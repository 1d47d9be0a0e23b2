package dev.keywatch.it;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Spring's HTTP clients over the transports they run on: RestClient over Apache HttpClient 5, WebClient
 * over Reactor Netty (its default), RestTemplate over HttpURLConnection (its default). The agent knows
 * nothing of Spring; each call must be counted once, by the transport.
 */
final class SpringClients {
    private static RestClient restClient;
    private static WebClient webClient;
    private static RestTemplate restTemplate;

    private SpringClients() {
    }

    static String call(String mode, ScriptedCall call) {
        switch (mode) {
            case "spring-restclient":
                return restClient(call);
            case "spring-webclient":
                return webClient(call);
            case "spring-resttemplate":
                return restTemplate(call);
            default:
                throw new IllegalArgumentException(mode);
        }
    }

    private static String restClient(ScriptedCall call) {
        if (restClient == null) {
            restClient = RestClient.builder().requestFactory(new HttpComponentsClientHttpRequestFactory()).build();
        }
        return restClient.post().uri(URI.create(call.url))
                .headers(h -> call.headers.forEach(h::set))
                .contentType(MediaType.APPLICATION_JSON)
                .body(ClientProgram.JSON_BODY)
                .exchange((request, response) -> ClientProgram.seen(response.getStatusCode().value(),
                        response.getBody().readAllBytes()));
    }

    private static String webClient(ScriptedCall call) {
        if (webClient == null) {
            // Reactor Netty with the JDK's resolver, which reads the test's hosts file (Netty's own asks DNS).
            webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                    .resolver(io.netty.resolver.DefaultAddressResolverGroup.INSTANCE))).build();
        }
        return webClient.post().uri(URI.create(call.url))
                .headers(h -> call.headers.forEach(h::set))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ClientProgram.JSON_BODY)
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> ClientProgram.seen(response.statusCode().value(), bytes)))
                .onErrorResume(e -> Mono.just("error=" + ClientProgram.describe(e)))
                .block(Duration.ofSeconds(30));
    }

    private static String restTemplate(ScriptedCall call) {
        if (restTemplate == null) {
            SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
            factory.setConnectTimeout(5000);
            restTemplate = new RestTemplate(factory);
            // Statuses are what the program prints, not exceptions.
            restTemplate.setErrorHandler(new org.springframework.web.client.ResponseErrorHandler() {
                @Override
                public boolean hasError(org.springframework.http.client.ClientHttpResponse response) {
                    return false;
                }

                @Override
                public void handleError(URI url, HttpMethod method,
                                        org.springframework.http.client.ClientHttpResponse response) {
                }
            });
        }
        return restTemplate.execute(URI.create(call.url), HttpMethod.POST, request -> {
            request.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            call.headers.forEach(request.getHeaders()::set);
            request.getBody().write(ClientProgram.JSON_BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }, response -> ClientProgram.seen(response.getStatusCode().value(), response.getBody().readAllBytes()));
    }
}
