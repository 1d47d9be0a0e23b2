package dev.keywatch.instrumentation.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Stands in for an object of the application's client library behind one of that library's own
 * interfaces (a callback, an entity), passing every call through and watching a few. The proxy class is
 * defined in the interface's loader, so nothing of the agent is injected into the application, and the
 * interface is resolved from the object itself, whichever version of the library it comes from.
 */
public abstract class DelegatingProxy implements InvocationHandler {
    protected final Object delegate;

    protected DelegatingProxy(Object delegate) {
        this.delegate = delegate;
    }

    /** The proxy, or null when the delegate does not implement the named interface. */
    public final Object as(String interfaceName) {
        Class<?> type = interfaceOf(delegate.getClass(), interfaceName);
        return type == null ? null : Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, this);
    }

    /** The delegate's own answer: its return value, or the very exception it threw. */
    protected final Object pass(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0] || delegate.equals(args[0]);
                case "hashCode":
                    return delegate.hashCode();
                default:
                    return pass(method, args);
            }
        }
        return intercept(method, args);
    }

    /** Every interface call; implementations call {@link #pass} and watch. */
    protected abstract Object intercept(Method method, Object[] args) throws Throwable;

    private static Class<?> interfaceOf(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                Class<?> found = i.getName().equals(name) ? i : interfaceOf(i, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
