package dev.keywatch.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.keywatch.bootstrap.KeywatchBridge;
import dev.keywatch.capture.ErrorReporter;
import dev.keywatch.instrumentation.ClientInstrumentation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the advice of the enabled client instrumentations. Everything but the few exact class names
 * they transform is ignored by name before Byte Buddy parses anything, which is what keeps start-up and
 * class loading cheap; method bodies only, no class format changes, so that classes loaded before the
 * agent (and other agents' transformations) are retransformed safely.
 */
public final class Installer {
    private Installer() {
    }

    /**
     * Byte Buddy's switch against sun.misc.Unsafe, which JDK 24+ warns about on stderr. Shading relocates
     * this literal together with Byte Buddy, so it only ever reaches Keywatch's own copy.
     */
    private static final String BYTE_BUDDY_SAFE = "net.bytebuddy.safe";

    /** Installs and retransforms the target classes that are already loaded: the synchronous path. */
    public static void install(Instrumentation instrumentation, List<ClientInstrumentation> clients,
                               ErrorReporter errors) throws NoSuchMethodException {
        withSafeByteBuddy(() -> builder(instrumentation, clients, errors).installOn(instrumentation));
    }

    /**
     * The same transformation as a transformer that is not registered, for {@link DeferredTransformer};
     * it retransforms nothing by itself.
     */
    public static ClassFileTransformer transformer(Instrumentation instrumentation, List<ClientInstrumentation> clients,
                                                   ErrorReporter errors) throws NoSuchMethodException {
        return withSafeByteBuddy(() -> builder(instrumentation, clients, errors).makeRaw());
    }

    private interface Step<T> {
        T run() throws NoSuchMethodException;
    }

    private static <T> T withSafeByteBuddy(Step<T> step) throws NoSuchMethodException {
        String previous = System.getProperty(BYTE_BUDDY_SAFE);
        System.setProperty(BYTE_BUDDY_SAFE, "true");
        try {
            return step.run();
        } finally {
            if (previous == null) {
                System.clearProperty(BYTE_BUDDY_SAFE);
            } else {
                System.setProperty(BYTE_BUDDY_SAFE, previous);
            }
        }
    }

    private static AgentBuilder builder(Instrumentation instrumentation, List<ClientInstrumentation> clients,
                                        ErrorReporter errors) throws NoSuchMethodException {
        ElementMatcher.Junction<TypeDescription> transformed = none();
        for (ClientInstrumentation client : clients) {
            transformed = transformed.or(client.types());
        }
        AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
                .include(Installer.class.getClassLoader())
                .withExceptionHandler(new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(
                        new MethodDescription.ForLoadedMethod(
                                KeywatchBridge.class.getMethod("adviceFailed", Throwable.class)))));

        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(new FailureListener(errors))
                // Replaces Byte Buddy's default ignore, which would skip the JDK's own HTTP clients. Other
                // agents' own loaders are not the application: the OpenTelemetry agent's holds an OkHttp for its
                // exporter.
                .ignore(not(transformed))
                .or(any(), new OtherAgentsLoaders())
                // Advice inlined into java.base and java.net.http calls the bridge in the bootstrap unnamed module.
                .assureReadEdgeTo(instrumentation, KeywatchBridge.class);
        for (ClientInstrumentation client : clients) {
            client.prepare(instrumentation);
            builder = client.install(builder, advice);
        }
        return builder;
    }

    /** A class that could not be transformed stays as it was; the agent says so once and counts it. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        private final ErrorReporter errors;

        FailureListener(ErrorReporter errors) {
            this.errors = errors;
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            errors.report("advice", new IllegalStateException("cannot instrument " + typeName, throwable));
        }

        @Override
        public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                                     boolean loaded, DynamicType dynamicType) {
            // nothing to say when it works
        }
    }
}
