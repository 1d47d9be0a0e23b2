package dev.keywatch.instrumentation.weave;

import dev.keywatch.bootstrap.KeywatchBridge;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.Type;

/** The descriptors of the bridge's static methods, which woven code calls by name. */
final class BridgeMethods {
    static final String OWNER = Type.getInternalName(KeywatchBridge.class);
    static final String ADVICE_FAILED = "adviceFailed";

    private static final Map<String, String> DESCRIPTORS = new HashMap<>();

    static {
        for (Method m : KeywatchBridge.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
                if (DESCRIPTORS.put(m.getName(), Type.getMethodDescriptor(m)) != null) {
                    throw new IllegalStateException("the bridge overloads " + m.getName());
                }
            }
        }
    }

    private BridgeMethods() {
    }

    static String descriptor(String method) {
        String d = DESCRIPTORS.get(method);
        if (d == null) {
            throw new IllegalArgumentException("the bridge has no method " + method);
        }
        return d;
    }
}
