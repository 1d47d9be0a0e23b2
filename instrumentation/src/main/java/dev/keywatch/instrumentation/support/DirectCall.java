package dev.keywatch.instrumentation.support;

/**
 * One library method behind an {@link Accessor}, in the accessor's shape: the target first, then the
 * arguments, boxed. The fast kind is a class generated for the method ({@link DirectCalls}), whose body is
 * the plain call the JIT compiles like the library's own code; the other wraps a method handle. Only the
 * method of the accessor's shape is ever called; the others refuse.
 *
 * <p>Public, with a public constructor, because the generated classes extend it from a class loader of
 * their own.
 */
public abstract class DirectCall {
    public Object call(Object target) throws Throwable {
        throw wrongShape();
    }

    public Object call(Object target, Object argument) throws Throwable {
        throw wrongShape();
    }

    public Object call(Object target, Object first, Object second) throws Throwable {
        throw wrongShape();
    }

    public Object call(Object target, Object first, Object second, Object third) throws Throwable {
        throw wrongShape();
    }

    public int callInt(Object target) throws Throwable {
        throw wrongShape();
    }

    private UnsupportedOperationException wrongShape() {
        return new UnsupportedOperationException(getClass().getName() + " is called in another shape");
    }
}
