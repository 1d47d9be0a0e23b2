package dev.keywatch.instrumentation.okhttp;

import static dev.keywatch.capture.ApplicationPackages.OKHTTP3;
import static dev.keywatch.capture.ApplicationPackages.OKIO;

import dev.keywatch.capture.ErrorReporter;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.instrumentation.support.Accessor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Builds the response the application gets for an LLM error: the same response, whose body reads the very
 * same source through a {@link SourceTee}. Copying as the application reads, rather than peeking ahead,
 * means a body that arrives slowly or never ends costs the application nothing.
 */
final class TeedResponses {
    private static final Accessor RESPONSE_BODY = Accessor.of("body");
    private static final Accessor RESPONSE_NEW_BUILDER = Accessor.of("newBuilder");
    private static final Accessor BUILDER_BODY = Accessor.withArity("body", 1);
    private static final Accessor BUILDER_BUILD = Accessor.of("build");
    private static final Accessor BODY_SOURCE = Accessor.of("source");
    private static final Accessor BODY_CONTENT_TYPE = Accessor.of("contentType");
    private static final Accessor BODY_CONTENT_LENGTH = Accessor.of("contentLength");

    /** Okio's and OkHttp's static factories, from the loader of each OkHttp the application ships. */
    private static final ClassValue<Factories> FACTORIES = new ClassValue<Factories>() {
        @Override
        protected Factories computeValue(Class<?> responseType) {
            return Factories.from(responseType.getClassLoader());
        }
    };

    private TeedResponses() {
    }

    /** The response to hand on, or null when it has no body to copy (the original is handed on). */
    static Object teed(Object response, PendingExchange exchange, ErrorReporter errors) throws Throwable {
        Object body = RESPONSE_BODY.call(response);
        if (body == null) {
            return null;
        }
        Factories factories = FACTORIES.get(response.getClass());
        Object source = BODY_SOURCE.call(body);
        Object tee = new SourceTee(source, exchange.startBody(), exchange, errors).as(OKIO + ".Source");
        if (tee == null) {
            exchange.bodyFinished();
            return null;
        }
        Object teedBody = factories.responseBody.invoke(BODY_CONTENT_TYPE.call(body),
                (long) (Long) BODY_CONTENT_LENGTH.call(body), factories.buffer.invoke(tee));
        Object builder = RESPONSE_NEW_BUILDER.call(response);
        BUILDER_BODY.call(builder, teedBody);
        return BUILDER_BUILD.call(builder);
    }

    private static final class Factories {
        /** {@code ResponseBody.create(MediaType, long, BufferedSource)}, in every OkHttp from 3.x to 5.x. */
        final MethodHandle responseBody;
        /** {@code Okio.buffer(Source)}, in Okio 1.x to 3.x. */
        final MethodHandle buffer;

        private Factories(MethodHandle responseBody, MethodHandle buffer) {
            this.responseBody = responseBody;
            this.buffer = buffer;
        }

        static Factories from(ClassLoader loader) {
            try {
                Class<?> responseBody = Class.forName(OKHTTP3 + ".ResponseBody", false, loader);
                Class<?> mediaType = Class.forName(OKHTTP3 + ".MediaType", false, loader);
                Class<?> bufferedSource = Class.forName(OKIO + ".BufferedSource", false, loader);
                Class<?> source = Class.forName(OKIO + ".Source", false, loader);
                Class<?> okio = Class.forName(OKIO + ".Okio", false, loader);
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                MethodHandle create = lookup.findStatic(responseBody, "create",
                                MethodType.methodType(responseBody, mediaType, long.class, bufferedSource))
                        .asType(MethodType.methodType(Object.class, Object.class, long.class, Object.class));
                MethodHandle buffer = lookup.findStatic(okio, "buffer", MethodType.methodType(bufferedSource, source))
                        .asType(MethodType.methodType(Object.class, Object.class));
                return new Factories(create, buffer);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("OkHttp without ResponseBody.create or Okio.buffer", e);
            }
        }
    }
}
