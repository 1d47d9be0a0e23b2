package dev.keywatch.agent.install;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Registered in {@code premain} in place of the weaving transformer, while capture, classification and the
 * bridge are wired on a daemon thread: that keeps their start out of the application's. Every class but
 * the few it instruments passes after one set lookup. Should one of those load before the hooks are
 * ready, its loading waits for them (boundedly), so that not one exchange goes unseen.
 */
public final class DeferredTransformer implements ClassFileTransformer {
    private final Set<String> internalNames = new HashSet<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final long maxWaitMillis;
    private volatile ClassFileTransformer delegate;
    private volatile boolean timedOut;

    public DeferredTransformer(List<String> classNames, long maxWaitMillis) {
        for (String name : classNames) {
            internalNames.add(name.replace('.', '/'));
        }
        this.maxWaitMillis = maxWaitMillis;
    }

    /** The hooks are ready: from now on the target classes are woven by this transformer. */
    public void activate(ClassFileTransformer transformer) {
        delegate = transformer;
        ready.countDown();
    }

    /** The agent could not start: nothing will be transformed, and nothing waits. */
    public void abandon() {
        ready.countDown();
    }

    /** True when a class loaded before the hooks were ready gave up waiting (it is retransformed later). */
    public boolean timedOut() {
        return timedOut;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) throws IllegalClassFormatException {
        ClassFileTransformer d = awaitDelegate(className);
        return d == null ? null : d.transform(module, loader, className, classBeingRedefined, protectionDomain,
                classfileBuffer);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) throws IllegalClassFormatException {
        ClassFileTransformer d = awaitDelegate(className);
        return d == null ? null : d.transform(loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
    }

    private ClassFileTransformer awaitDelegate(String className) {
        if (className == null || !internalNames.contains(className)) {
            return null;
        }
        try {
            if (!ready.await(maxWaitMillis, TimeUnit.MILLISECONDS)) {
                timedOut = true;
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return delegate;
    }
}
