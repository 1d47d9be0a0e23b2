package dev.keywatch.instrumentation.weave;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Which methods of a class a hook weaves into, decided from the access flags, name and descriptor that the
 * class file already holds: no type is loaded or described.
 */
public final class MethodMatcher {
    private static final String CONSTRUCTOR = "<init>";

    private final Set<String> names;
    private final int arguments;
    private final Map<Integer, String> argumentTypes;
    private final String returnType;
    private final boolean privateOnly;

    private MethodMatcher(Set<String> names, int arguments, Map<Integer, String> argumentTypes, String returnType,
                          boolean privateOnly) {
        this.names = names;
        this.arguments = arguments;
        this.argumentTypes = argumentTypes;
        this.returnType = returnType;
        this.privateOnly = privateOnly;
    }

    /** Methods with one of these names. */
    public static MethodMatcher named(String... names) {
        return new MethodMatcher(Collections.unmodifiableSet(new HashSet<>(Arrays.asList(names))), -1,
                Collections.emptyMap(), null, false);
    }

    /** The constructors. */
    public static MethodMatcher constructor() {
        return named(CONSTRUCTOR);
    }

    /** Only those that take exactly {@code count} arguments. */
    public MethodMatcher arguments(int count) {
        return new MethodMatcher(names, count, argumentTypes, returnType, privateOnly);
    }

    /** Only those whose argument {@code index} is declared as the class of this binary name. */
    public MethodMatcher argument(int index, String className) {
        Map<Integer, String> types = new LinkedHashMap<>(argumentTypes);
        types.put(index, className);
        return new MethodMatcher(names, arguments, Collections.unmodifiableMap(types), returnType, privateOnly);
    }

    /** Only those declared to return the class of this binary name. */
    public MethodMatcher returning(String className) {
        return new MethodMatcher(names, arguments, argumentTypes, className, privateOnly);
    }

    /** Only private ones. */
    public MethodMatcher privateOnly() {
        return new MethodMatcher(names, arguments, argumentTypes, returnType, true);
    }

    boolean isConstructor() {
        return names.contains(CONSTRUCTOR);
    }

    boolean matches(int access, String name, String descriptor) {
        if (!names.contains(name) || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return false;
        }
        if (privateOnly && (access & Opcodes.ACC_PRIVATE) == 0) {
            return false;
        }
        if (returnType != null && !Type.getReturnType(descriptor).getClassName().equals(returnType)) {
            return false;
        }
        if (arguments < 0 && argumentTypes.isEmpty()) {
            return true;
        }
        Type[] types = Type.getArgumentTypes(descriptor);
        if (arguments >= 0 && types.length != arguments) {
            return false;
        }
        for (Map.Entry<Integer, String> t : argumentTypes.entrySet()) {
            if (t.getKey() >= types.length || !types[t.getKey()].getClassName().equals(t.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return names + (arguments >= 0 ? "/" + arguments : "") + (argumentTypes.isEmpty() ? "" : argumentTypes)
                + (returnType == null ? "" : ":" + returnType) + (privateOnly ? " private" : "");
    }
}
