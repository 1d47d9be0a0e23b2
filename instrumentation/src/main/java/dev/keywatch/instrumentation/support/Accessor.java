package dev.keywatch.instrumentation.support;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Calls one public method of a client library object the agent cannot link against (it lives in the
 * application's class loader, in whichever version the application ships). The method is looked up once
 * per concrete class, found on a public supertype when the class itself is not public (OkHttp 3's
 * {@code RealCall}), and called through a {@link DirectCall} generated for it, or its method handle where
 * one cannot be generated.
 */
public final class Accessor extends ClassValue<DirectCall> {
    private final String name;
    private final Class<?>[] parameterTypes;
    private final MethodType shape;

    private Accessor(String name, MethodType shape, Class<?>... parameterTypes) {
        this.name = name;
        this.parameterTypes = parameterTypes;
        this.shape = shape;
    }

    /** {@code Object m()} to {@code m(Object, Object, Object)} shapes: primitives are boxed, arguments unboxed. */
    public static Accessor of(String name, Class<?>... parameterTypes) {
        return new Accessor(name, MethodType.genericMethodType(parameterTypes.length + 1), parameterTypes);
    }

    /**
     * A method found by name and number of parameters, for parameters typed by the library itself
     * ({@code setEntity(HttpEntity)}), which the agent cannot name as classes.
     */
    public static Accessor withArity(String name, int parameterCount) {
        return new Accessor(name, MethodType.genericMethodType(parameterCount + 1), (Class<?>[]) null);
    }

    /** A no-argument method returning int, called without boxing. */
    public static Accessor ofInt(String name) {
        return new Accessor(name, MethodType.methodType(int.class, Object.class));
    }

    /** True when the object's class has this method. */
    public boolean isPresentOn(Object target) {
        return get(target.getClass()) != null;
    }

    public Object call(Object target) throws Throwable {
        return direct(target).call(target);
    }

    public Object call(Object target, Object argument) throws Throwable {
        return direct(target).call(target, argument);
    }

    public Object call(Object target, Object first, Object second) throws Throwable {
        return direct(target).call(target, first, second);
    }

    public Object call(Object target, Object first, Object second, Object third) throws Throwable {
        return direct(target).call(target, first, second, third);
    }

    public int callInt(Object target) throws Throwable {
        return direct(target).callInt(target);
    }

    /**
     * The call for the target's class, kept by that class alone (a field here remembering the last class
     * would hold an undeployed web application's class loader for as long as the agent lives).
     */
    private DirectCall direct(Object target) throws NoSuchMethodException {
        DirectCall call = get(target.getClass());
        if (call == null) {
            throw new NoSuchMethodException(target.getClass().getName() + "." + name);
        }
        return call;
    }

    /** Null when the class has no such method, or the agent may not call it. */
    @Override
    protected DirectCall computeValue(Class<?> type) {
        Method method = findPublic(type);
        if (method == null) {
            return null;
        }
        MethodHandle handle;
        try {
            // Also the access check: a method the agent may not call gets no direct call either.
            handle = MethodHandles.lookup().unreflect(method).asType(shape);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
        DirectCall direct = DirectCalls.of(method, shape);
        return direct != null ? direct : new HandleCall(handle);
    }

    private Method byArity(Class<?> type) throws NoSuchMethodException {
        int arity = shape.parameterCount() - 1;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity && !m.isBridge()) {
                return m;
            }
        }
        throw new NoSuchMethodException(name);
    }

    private Method findPublic(Class<?> type) {
        Deque<Class<?>> queue = new ArrayDeque<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> candidate = queue.poll();
            if (Modifier.isPublic(candidate.getModifiers())) {
                try {
                    Method m = parameterTypes != null ? candidate.getMethod(name, parameterTypes) : byArity(candidate);
                    if (Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                        return m;
                    }
                } catch (NoSuchMethodException ignored) {
                    // keep looking on the supertypes
                }
            }
            if (candidate.getSuperclass() != null) {
                queue.add(candidate.getSuperclass());
            }
            for (Class<?> i : candidate.getInterfaces()) {
                queue.add(i);
            }
        }
        return null;
    }

    /** The method handle, where no direct call could be generated. */
    private static final class HandleCall extends DirectCall {
        private final MethodHandle handle;

        HandleCall(MethodHandle handle) {
            this.handle = handle;
        }

        @Override
        public Object call(Object target) throws Throwable {
            return handle.invokeExact(target);
        }

        @Override
        public Object call(Object target, Object argument) throws Throwable {
            return handle.invokeExact(target, argument);
        }

        @Override
        public Object call(Object target, Object first, Object second) throws Throwable {
            return handle.invokeExact(target, first, second);
        }

        @Override
        public Object call(Object target, Object first, Object second, Object third) throws Throwable {
            return handle.invokeExact(target, first, second, third);
        }

        @Override
        public int callInt(Object target) throws Throwable {
            return (int) handle.invokeExact(target);
        }
    }
}
