package dev.keywatch.capture.trace;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One copy of the OpenTelemetry API, bound by reflection: the application's own
 * ({@code io.opentelemetry.*}, in its class loader) or the OpenTelemetry Java agent's relocated one on
 * the boot class path. Either way only public API methods are called, the same ones a propagator uses.
 */
final class OpenTelemetryApi {
    private final Method currentContext;
    private final Method spanFromContext;
    private final Method spanContext;
    private final Method isValid;
    private final Method traceId;
    private final Method spanId;
    private final Method isSampled;
    private final Method traceState;
    private final Method traceStateAsMap;

    private OpenTelemetryApi(Class<?> contextClass) throws ReflectiveOperationException {
        String prefix = contextClass.getName().substring(0, contextClass.getName().length() - "context.Context".length());
        ClassLoader loader = contextClass.getClassLoader();
        Class<?> span = Class.forName(prefix + "api.trace.Span", false, loader);
        Class<?> spanContextClass = Class.forName(prefix + "api.trace.SpanContext", false, loader);
        Class<?> traceStateClass = Class.forName(prefix + "api.trace.TraceState", false, loader);
        this.currentContext = contextClass.getMethod("current");
        this.spanFromContext = span.getMethod("fromContext", contextClass);
        this.spanContext = span.getMethod("getSpanContext");
        this.isValid = spanContextClass.getMethod("isValid");
        this.traceId = spanContextClass.getMethod("getTraceId");
        this.spanId = spanContextClass.getMethod("getSpanId");
        this.isSampled = spanContextClass.getMethod("isSampled");
        this.traceState = spanContextClass.getMethod("getTraceState");
        this.traceStateAsMap = traceStateClass.getMethod("asMap");
    }

    /** Null when this copy of the API is incomplete (an unknown version): then it is not read at all. */
    static OpenTelemetryApi bind(Class<?> contextClass) {
        try {
            return new OpenTelemetryApi(contextClass);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    TraceParent activeSpan() throws ReflectiveOperationException {
        Object context = currentContext.invoke(null);
        Object span = spanFromContext.invoke(null, context);
        Object sc = spanContext.invoke(span);
        if (!(Boolean) isValid.invoke(sc)) {
            return null;
        }
        Map<?, ?> state = (Map<?, ?>) traceStateAsMap.invoke(traceState.invoke(sc));
        Map<String, String> entries = null;
        if (!state.isEmpty()) {
            entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : state.entrySet()) {
                entries.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
            }
        }
        return new TraceParent((String) traceId.invoke(sc), (String) spanId.invoke(sc), (Boolean) isSampled.invoke(sc),
                entries);
    }
}
