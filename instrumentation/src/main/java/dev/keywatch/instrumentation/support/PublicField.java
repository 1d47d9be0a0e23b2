package dev.keywatch.instrumentation.support;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Reads one field of a client library object by name: public fields ({@code ExecChain.Scope.route}), or,
 * where a library offers no getter, a declared one on the class or a superclass. Looked up once per
 * concrete class.
 */
public final class PublicField extends ClassValue<MethodHandle> {
    private static final MethodType SHAPE = MethodType.genericMethodType(1);
    private final String name;
    private final boolean publicOnly;

    private PublicField(String name, boolean publicOnly) {
        this.name = name;
        this.publicOnly = publicOnly;
    }

    public static PublicField named(String name) {
        return new PublicField(name, true);
    }

    /** A protected or package field the library keeps its state in, read on classes of the application's loaders. */
    public static PublicField declared(String name) {
        return new PublicField(name, false);
    }

    /** The field's value, or null when the class has no such field. */
    public Object get(Object target) throws Throwable {
        MethodHandle getter = get(target.getClass());
        return getter == null ? null : getter.invokeExact(target);
    }

    @Override
    protected MethodHandle computeValue(Class<?> type) {
        try {
            Field field = publicOnly ? type.getField(name) : declaredField(type);
            if (field == null || Modifier.isStatic(field.getModifiers())) {
                return null;
            }
            if (!publicOnly) {
                field.setAccessible(true);
            }
            return MethodHandles.lookup().unreflectGetter(field).asType(SHAPE);
        } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    private Field declaredField(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException ignored) {
                // keep looking on the superclass
            }
        }
        return null;
    }
}
