package dev.keywatch.agent.install;

import dev.keywatch.bootstrap.KeywatchBridge;
import dev.keywatch.capture.ErrorReporter;
import dev.keywatch.instrumentation.weave.ClassWeaver;
import dev.keywatch.instrumentation.weave.MethodHook;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Weaves the hooks of the few classes named exactly; every other class passes after one map lookup,
 * unparsed. A class that cannot be woven loads as it is, and the agent says so once and counts it.
 */
final class HookTransformer implements ClassFileTransformer {
    private final Map<String, List<MethodHook>> hooks;
    private final Instrumentation instrumentation;
    private final ErrorReporter errors;
    private final Module bridge = KeywatchBridge.class.getModule();

    /** {@code hooks} by internal name, {@code okhttp3/RealCall}. */
    HookTransformer(Map<String, List<MethodHook>> hooks, Instrumentation instrumentation, ErrorReporter errors) {
        this.hooks = hooks;
        this.instrumentation = instrumentation;
        this.errors = errors;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        List<MethodHook> classHooks = className == null ? null : hooks.get(className);
        if (classHooks == null || OtherAgentsLoaders.owns(loader)) {
            return null;
        }
        try {
            byte[] woven = ClassWeaver.weave(classfileBuffer, classHooks);
            if (woven != null) {
                readBridge(module);
            }
            return woven;
        } catch (Throwable t) {
            errors.report("advice", new IllegalStateException("cannot instrument " + className.replace('/', '.'), t));
            return null;
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        return transform(null, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
    }

    /** Woven code in a named module (java.base, java.net.http) calls the bridge in the bootstrap unnamed one. */
    private void readBridge(Module module) {
        if (module != null && !module.canRead(bridge)) {
            instrumentation.redefineModule(module, Collections.singleton(bridge), Collections.emptyMap(),
                    Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
        }
    }
}
