package dev.keywatch.it;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The test build of a fault: {@link ClientProgram} with one of the agent's paths made to fail. Once the
 * attached agent has installed its hooks, and before the first call, it swaps them for a proxy that
 * forwards every hook but one; that one throws an {@link Error}, or hands back an object of the wrong
 * type. The {@code sink} point instead makes classification and export throw for every finished
 * exchange. Each injection is appended to a file, so the test can hold the agent's count against it.
 * Without the agent there is nothing to swap, and the program runs as it is.
 *
 * <p>Arguments: {@code <point> <throw|wrong-type> <injections file> <ClientProgram arguments…>}, or
 * {@code --list-hooks}, which prints the bridge's hooks.
 */
public final class FaultInjectingProgram {
    private static final String BRIDGE = "dev.keywatch.bootstrap.KeywatchBridge";
    private static final String HOOKS = "dev.keywatch.bootstrap.BridgeHooks";

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--list-hooks")) {
            Arrays.stream(Class.forName(HOOKS, false, null).getMethods()).sorted(Comparator.comparing(Method::getName))
                    .forEach(m -> System.out.println(m.getName() + " " + m.getReturnType().getName()));
            return;
        }
        String point = args[0];
        boolean wrongType = args[1].equals("wrong-type");
        Path injections = Paths.get(args[2]);
        Files.deleteIfExists(injections);
        Class<?> bridge;
        try {
            bridge = Class.forName(BRIDGE, false, null); // the agent appends it to the boot class path
        } catch (ClassNotFoundException noAgent) {
            bridge = null;
        }
        if (bridge != null) {
            Field hooks = bridge.getDeclaredField("hooks");
            hooks.setAccessible(true);
            Object real = awaitInstalled(hooks);
            Recorder recorder = new Recorder(point, injections);
            if (point.equals("sink")) {
                breakSink(real, recorder);
            } else {
                Class<?> type = Class.forName(HOOKS, false, null);
                hooks.set(null, Proxy.newProxyInstance(FaultInjectingProgram.class.getClassLoader(),
                        new Class<?>[] {type}, new FailingHook(real, recorder, wrongType)));
            }
        }
        ClientProgram.main(Arrays.copyOfRange(args, 3, args.length));
    }

    /** The agent wires its hooks on a background thread, within a second or so of start. */
    private static Object awaitInstalled(Field hooks) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Object installed = hooks.get(null);
            if (installed != null) {
                return installed;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the agent never installed its hooks");
    }

    /** Replaces the exchange sink the capture code reports to (classification and export) with one that throws. */
    private static void breakSink(Object hooks, Recorder recorder) throws Exception {
        Field settingsField = hooks.getClass().getDeclaredField("settings");
        settingsField.setAccessible(true);
        Object settings = settingsField.get(hooks);
        Field sink = settings.getClass().getDeclaredField("sink");
        sink.setAccessible(true);
        Class<?> sinkType = sink.getType();
        sink.set(settings, Proxy.newProxyInstance(FaultInjectingProgram.class.getClassLoader(),
                new Class<?>[] {sinkType}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(recorder, args);
                    }
                    throw recorder.fault();
                }));
    }

    /** Forwards each hook to the agent's, except the one at the fault point. */
    private static final class FailingHook implements InvocationHandler {
        private final Object real;
        private final Recorder recorder;
        private final boolean wrongType;

        FailingHook(Object real, Recorder recorder, boolean wrongType) {
            this.real = real;
            this.recorder = recorder;
            this.wrongType = wrongType;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (recorder.isPoint(method.getName())) {
                InjectedFault fault = recorder.fault();
                if (wrongType) {
                    return new WrongType();
                }
                throw fault;
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** Counts each injection in a file the test reads. */
    private static final class Recorder {
        private final String point;
        private final Path file;

        Recorder(String point, Path file) {
            this.point = point;
            this.file = file;
        }

        boolean isPoint(String method) {
            return method.equals(point);
        }

        synchronized InjectedFault fault() {
            try {
                Files.write(file, (point + "\n").getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return new InjectedFault(point);
        }
    }

    /** An Error, not an Exception: what a {@code catch (Exception e)} would let through. */
    static final class InjectedFault extends Error {
        private static final long serialVersionUID = 1L;

        InjectedFault(String point) {
            super("fault injected by the test into " + point);
        }
    }

    /** What a hook hands back in place of the response, stream, handler or token the advice expects. */
    static final class WrongType {
        @Override
        public String toString() {
            return "an object of the wrong type";
        }
    }
}
