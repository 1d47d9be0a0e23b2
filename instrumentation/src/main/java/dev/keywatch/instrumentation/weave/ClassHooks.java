package dev.keywatch.instrumentation.weave;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The hooks woven into one class, named exactly: the only classes the agent ever parses. */
public final class ClassHooks {
    private final String className;
    private final List<MethodHook> hooks;

    private ClassHooks(String className, List<MethodHook> hooks) {
        this.className = className;
        this.hooks = hooks;
    }

    public static ClassHooks of(String className, MethodHook... hooks) {
        return new ClassHooks(className, Collections.unmodifiableList(Arrays.asList(hooks)));
    }

    /** The binary name, {@code okhttp3.RealCall}. */
    public String className() {
        return className;
    }

    public List<MethodHook> hooks() {
        return hooks;
    }
}
