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
 * application's class loader, in whichever version the application ships). The method handle is
 * looked up once per concrete class and found on a public supertype when the class itself is not
 * public (OkHttp 3's {@code RealCall}).
 */
public final class Accessor extends ClassValue<MethodHandle> {
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
        return handle(target).invokeExact(target);
    }

    public Object call(Object target, Object argument) throws Throwable {
        return handle(target).invokeExact(target, argument);
    }

    public Object call(Object target, Object first, Object second) throws Throwable {
        return handle(target).invokeExact(target, first, second);
    }

    public Object call(Object target, Object first, Object second, Object third) throws Throwable {
        return handle(target).invokeExact(target, first, second, third);
    }

    public int callInt(Object target) throws Throwable {
        return (int) handle(target).invokeExact(target);
    }

    private MethodHandle handle(Object target) throws NoSuchMethodException {
        MethodHandle handle = get(target.getClass());
        if (handle == null) {
            throw new NoSuchMethodException(target.getClass().getName() + "." + name);
        }
        return handle;
    }

    @Override
    protected MethodHandle computeValue(Class<?> type) {
        Method method = findPublic(type);
        if (method == null) {
            return null;
        }
        try {
            return MethodHandles.lookup().unreflect(method).asType(shape);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
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
}
