package dev.keywatch.instrumentation;

import dev.keywatch.instrumentation.apache.ApacheHttpClient4Instrumentation;
import dev.keywatch.instrumentation.apache.ApacheHttpClient5Instrumentation;
import dev.keywatch.instrumentation.jdkhttp.JdkHttpClientInstrumentation;
import dev.keywatch.instrumentation.okhttp.OkHttpInstrumentation;
import dev.keywatch.instrumentation.reactornetty.ReactorNettyInstrumentation;
import dev.keywatch.instrumentation.urlconnection.UrlConnectionInstrumentation;
import dev.keywatch.instrumentation.vertx.VertxInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Every client instrumentation Keywatch ships, in a fixed order. */
public final class ClientInstrumentations {
    private ClientInstrumentations() {
    }

    public static List<ClientInstrumentation> all() {
        return Collections.unmodifiableList(Arrays.asList(
                new OkHttpInstrumentation(),
                new JdkHttpClientInstrumentation(),
                new UrlConnectionInstrumentation(),
                new ApacheHttpClient4Instrumentation(),
                new ApacheHttpClient5Instrumentation(),
                new ReactorNettyInstrumentation(),
                new VertxInstrumentation()));
    }
}
