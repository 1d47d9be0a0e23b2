package dev.keywatch.instrumentation.weave;

import static dev.keywatch.instrumentation.weave.BridgeCall.call;
import static dev.keywatch.instrumentation.weave.Operand.argument;
import static dev.keywatch.instrumentation.weave.Operand.field;
import static dev.keywatch.instrumentation.weave.Operand.methodName;
import static dev.keywatch.instrumentation.weave.Operand.returned;
import static dev.keywatch.instrumentation.weave.Operand.self;
import static dev.keywatch.instrumentation.weave.Operand.thrown;
import static dev.keywatch.instrumentation.weave.Operand.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keywatch.bootstrap.BridgeHooks;
import dev.keywatch.bootstrap.KeywatchBridge;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Weaves {@link Sample} and loads it in a loader of its own, so that the JVM's verifier checks every frame
 * the weaving wrote; then calls it with and without hooks that work, throw, or hand back the wrong type.
 */
class ClassWeaverTest {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<String> components = Collections.synchronizedList(new ArrayList<>());
    private Function<Method, Object> answer = m -> null;

    @AfterEach
    void uninstall() {
        KeywatchBridge.install(null);
    }

    private static final MethodHook CHAIN = MethodHook.on(MethodMatcher.named("chain").returning("java.lang.String"))
            .onEnter(call("okHttpStart", self()).into(token()))
            .onExit(call("okHttpEnd", token(), returned(), thrown()).into(returned()));

    @Test
    void aWovenMethodReturnsAndThrowsExactlyAsBefore() throws Exception {
        Object plain = load().getConstructor(String.class).newInstance("a");
        installRecordingHooks();
        answer = m -> m.getName().equals("okHttpStart") ? "token" : null;
        Object woven = load(CHAIN).getConstructor(String.class).newInstance("a");
        for (int times : new int[] {0, 1, 5, 12}) {
            assertThat(invoke(woven, "chain", 3L, times, 1.5)).isEqualTo(invoke(plain, "chain", 3L, times, 1.5));
        }
        assertThat(invoke(woven, "count")).isEqualTo(invoke(plain, "count")).isEqualTo(18);
        Throwable thrown = thrownBy(woven, "chain", 3L, -1, 1.5);
        assertThat(thrown).isInstanceOf(IOException.class).hasMessage("negative -1");
        assertThat(thrown.getStackTrace()[0].getMethodName()).isEqualTo("chain");
        assertThat(calls).containsExactly(
                "okHttpStart", "okHttpEnd(token, null, null)",
                "okHttpStart", "okHttpEnd(token, at 0 total 3, null)",
                "okHttpStart", "okHttpEnd(token, at 4 total 17, null)",
                "okHttpStart", "okHttpEnd(token, at 11 total 89, null)",
                "okHttpStart", "okHttpEnd(token, null, java.io.IOException: negative -1)");
        assertThat(failures).isEmpty();
    }

    @Test
    void theExitCanReplaceTheReturnedValue() throws Exception {
        installRecordingHooks();
        answer = m -> m.getName().equals("okHttpEnd") ? "replaced" : "token";
        Object woven = load(CHAIN).getConstructor(String.class).newInstance("a");
        assertThat(invoke(woven, "chain", 0L, 2, 1.0)).isEqualTo("replaced");
    }

    @Test
    void aHookThatThrowsOrAnswersTheWrongTypeIsReportedAndChangesNothing() throws Exception {
        installRecordingHooks();
        Object woven = load(CHAIN).getConstructor(String.class).newInstance("a");
        answer = m -> {
            throw new AssertionError("hook broke");
        };
        assertThat(invoke(woven, "chain", 0L, 2, 1.0)).isEqualTo("at 1 total 1");
        // The bridge catches what its hooks throw; what the woven code itself meets goes to adviceFailed.
        answer = m -> m.getName().equals("okHttpEnd") ? Integer.valueOf(42) : "token";
        assertThat(invoke(woven, "chain", 0L, 2, 1.0)).isEqualTo("at 1 total 1");
        assertThat(thrownBy(woven, "chain", 0L, -2, 1.0)).hasMessage("negative -2");
        assertThat(components).containsExactly("okhttp", "advice", "advice");
        assertThat(failures.get(0)).hasMessage("hook broke");
        assertThat(failures.get(1)).isInstanceOf(ClassCastException.class);
    }

    @Test
    void argumentsOfTwoSlotsFieldsAndTheMethodNameReachTheBridge() throws Exception {
        installRecordingHooks();
        answer = m -> m.getName().equals("urlConnectionEnter") ? "token" : null;
        Object woven = load(MethodHook.on(MethodMatcher.named("sum").arguments(3))
                .onEnter(call("urlConnectionEnter", self()).into(token()))
                .onExit(call("urlConnectionExit", token(), self(), field("count", "I"), field("seen", "Ljava/util/List;"),
                        argument(2), thrown(), methodName())))
                .getConstructor(String.class).newInstance("first");
        assertThat(invoke(woven, "sum", 1L << 40, 2.5, new int[] {1, 2, 3})).isEqualTo((1L << 40) + 8);
        assertThat(calls).containsExactly("urlConnectionEnter", "urlConnectionExit(token, Sample, 0, [first], [I, null, false)");
    }

    @Test
    void anEntryCanReplaceAnArgumentAndAnExitCanReadAPrimitiveReturn() throws Exception {
        installRecordingHooks();
        List<String> ran = new ArrayList<>();
        Runnable replacement = () -> ran.add("replacement");
        answer = m -> m.getName().equals("jdkHttpStart") ? "token"
                : m.getName().equals("jdkHttpBodyHandler") ? replacement : null;
        Class<?> type = load(
                MethodHook.on(MethodMatcher.named("handler").arguments(2))
                        .onEnter(call("jdkHttpStart", argument(0)).into(token()),
                                call("jdkHttpBodyHandler", token(), argument(1)).into(argument(1))),
                MethodHook.on(MethodMatcher.named("test").argument(0, "java.lang.Throwable"))
                        .onExit(call("reactorNettyFailed", self(), argument(0), returned())));
        Object woven = type.getConstructor(String.class).newInstance("a");
        invoke(woven, "handler", "request", (Runnable) () -> ran.add("original"));
        assertThat(ran).containsExactly("replacement");
        assertThat(invoke(woven, "test", new IOException())).isEqualTo(true);
        assertThat(invoke(woven, "test", new RuntimeException())).isEqualTo(false);
        assertThat(calls).containsExactly("jdkHttpStart", "jdkHttpBodyHandler", "reactorNettyFailed(Sample, "
                + "java.lang.RuntimeException)");
    }

    @Test
    void aConstructorIsHookedOnceItsInstanceExists() throws Exception {
        installRecordingHooks();
        Object woven = load(MethodHook.on(MethodMatcher.constructor()).onExit(call("vertxRequest", self())))
                .getConstructor(String.class).newInstance("built");
        assertThat(invoke(woven, "seen")).isEqualTo(Arrays.asList("built"));
        assertThat(calls).containsExactly("vertxRequest(Sample)");
    }

    @Test
    void withoutHooksInstalledTheWovenCodeDoesNothing() throws Exception {
        Object woven = load(CHAIN).getConstructor(String.class).newInstance("a");
        assertThat(invoke(woven, "chain", 0L, 3, 1.0)).isEqualTo("at 2 total 3");
        assertThat(calls).isEmpty();
    }

    @Test
    void aClassNoHookMatchesIsLeftAlone() throws Exception {
        assertThat(ClassWeaver.weave(bytes(), Collections.singletonList(
                MethodHook.on(MethodMatcher.named("absent")).onExit(call("vertxEnded", self()))))).isNull();
    }

    @Test
    void hooksThatCannotFitAreRefusedWhenDeclaredOrWoven() {
        assertThatThrownBy(() -> MethodHook.on(MethodMatcher.constructor()).onEnter(call("vertxRequest", self())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MethodHook.on(MethodMatcher.named("sum")).onExit(call("okHttpEnd", token(),
                returned(), thrown()))).isInstanceOf(IllegalArgumentException.class);
        // a long is not an Object: nothing is boxed behind the application's back
        assertThatThrownBy(() -> ClassWeaver.weave(bytes(), Collections.singletonList(
                MethodHook.on(MethodMatcher.named("sum")).onExit(call("vertxResponse", self(), returned())))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassWeaver.weave(bytes(), Collections.singletonList(
                MethodHook.on(MethodMatcher.named("sum")).onExit(call("vertxChunk", self(), field("count", "J"))))))
                .hasMessageContaining("count is I");
    }

    private void installRecordingHooks() {
        KeywatchBridge.install((BridgeHooks) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BridgeHooks.class}, (proxy, method, args) -> {
                    if (method.getName().equals("failed")) {
                        components.add((String) args[0]);
                        failures.add((Throwable) args[1]);
                        return null;
                    }
                    calls.add(describe(method, args));
                    return answer.apply(method);
                }));
    }

    private static String describe(Method method, Object[] args) {
        if (args.length == 1 && !method.getName().startsWith("vertx")) {
            return method.getName();
        }
        if (method.getName().startsWith("jdkHttp")) {
            return method.getName();
        }
        StringBuilder s = new StringBuilder(method.getName()).append('(');
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            s.append(i == 0 ? "" : ", ").append(a == null ? "null" : a.getClass() == Sample.class
                    || a.getClass().getSimpleName().equals("Sample") ? "Sample"
                    : a instanceof int[] ? "[I" : a.toString());
        }
        return s.append(')').toString();
    }

    private static Object invoke(Object target, String name, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(name);
    }

    private static Throwable thrownBy(Object target, String name, Object... args) throws Exception {
        try {
            invoke(target, name, args);
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
        throw new AssertionError(name + " returned");
    }

    private static byte[] bytes() throws IOException {
        try (InputStream in = Sample.class.getResourceAsStream("Sample.class")) {
            return in.readAllBytes();
        }
    }

    /** {@link Sample} woven with these hooks (or as it is, given none), in a loader of its own. */
    private static Class<?> load(MethodHook... hooks) throws Exception {
        byte[] original = bytes();
        byte[] woven = hooks.length == 0 ? original : ClassWeaver.weave(original, Arrays.asList(hooks));
        assertThat(woven).isNotNull();
        return new ClassLoader(ClassWeaverTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(Sample.class.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, woven, 0, woven.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }.loadClass(Sample.class.getName());
    }
}
