package dev.keywatch.capture.trace;

import dev.keywatch.capture.ApplicationPackages;
import dev.keywatch.capture.ErrorReporter;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Finds the active span where the application keeps it. With the OpenTelemetry Java agent attached,
 * its relocated context on the boot class path is the one context of the process (the agent bridges
 * the application's API to it). Without it, the application's own API is looked up in the thread's
 * context class loader, then in the client's.
 *
 * <p>Lookups are remembered per class loader (weakly, so a redeployed application can unload), because
 * a failed {@code Class.forName} costs an exception each time.
 */
public final class OpenTelemetrySpanReader implements ActiveSpanReader {
    private static final String API_CONTEXT = ApplicationPackages.OPENTELEMETRY + ".context.Context";
    private static final String AGENT_CONTEXT = ApplicationPackages.OPENTELEMETRY + ".javaagent.shaded." + API_CONTEXT;
    private static final Object ABSENT = new Object();

    private static final ClassValue<OpenTelemetryApi> APIS = new ClassValue<OpenTelemetryApi>() {
        @Override
        protected OpenTelemetryApi computeValue(Class<?> contextClass) {
            return OpenTelemetryApi.bind(contextClass);
        }
    };

    private final ErrorReporter errors;
    private final Map<ClassLoader, Object> contextClasses = new WeakHashMap<>();
    private volatile OpenTelemetryApi agentApi;
    private volatile boolean agentLookedUp;

    public OpenTelemetrySpanReader(ErrorReporter errors) {
        this.errors = errors;
    }

    @Override
    public TraceParent current(Class<?> clientClass) {
        try {
            OpenTelemetryApi api = agentApi();
            if (api == null) {
                ClassLoader tccl = Thread.currentThread().getContextClassLoader();
                api = apiIn(tccl);
                ClassLoader clientLoader = clientClass == null ? null : clientClass.getClassLoader();
                if (api == null && clientLoader != tccl) {
                    api = apiIn(clientLoader);
                }
            }
            return api == null ? null : api.activeSpan();
        } catch (Throwable t) {
            errors.report("spans", t);
            return null;
        }
    }

    /**
     * Looked up at the first LLM exchange, not at start: the OpenTelemetry agent may come after Keywatch
     * on the command line, and its classes join the boot class path only in its own {@code premain}.
     */
    private OpenTelemetryApi agentApi() {
        if (!agentLookedUp) {
            OpenTelemetryApi api = null;
            try {
                api = APIS.get(Class.forName(AGENT_CONTEXT, false, null));
            } catch (ClassNotFoundException | LinkageError noAgent) {
                // the usual case: no OpenTelemetry Java agent
            }
            agentApi = api;
            agentLookedUp = true;
        }
        return agentApi;
    }

    private OpenTelemetryApi apiIn(ClassLoader loader) {
        Object known;
        synchronized (contextClasses) {
            known = contextClasses.get(loader);
        }
        if (known == ABSENT) {
            return null;
        }
        Class<?> contextClass = known instanceof WeakReference ? (Class<?>) ((WeakReference<?>) known).get() : null;
        if (contextClass == null) {
            Object entry;
            try {
                contextClass = Class.forName(API_CONTEXT, false, loader);
                entry = new WeakReference<Class<?>>(contextClass);
            } catch (ClassNotFoundException | LinkageError e) {
                entry = ABSENT;
            }
            synchronized (contextClasses) {
                contextClasses.put(loader, entry);
            }
        }
        return contextClass == null ? null : APIS.get(contextClass);
    }
}
