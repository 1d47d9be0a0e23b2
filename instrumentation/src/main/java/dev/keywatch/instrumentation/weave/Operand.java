package dev.keywatch.instrumentation.weave;

/**
 * Where a value handed to the bridge comes from, or where the value the bridge hands back goes. Only the
 * token, an argument and the returned value can be written, and each only on its own side of the method.
 */
public final class Operand {
    enum Kind { THIS, ARGUMENT, TOKEN, RETURNED, THROWN, FIELD, METHOD_NAME, NONE }

    private static final Operand THIS = new Operand(Kind.THIS, -1, null);
    private static final Operand TOKEN = new Operand(Kind.TOKEN, -1, null);
    private static final Operand RETURNED = new Operand(Kind.RETURNED, -1, null);
    private static final Operand THROWN = new Operand(Kind.THROWN, -1, null);
    private static final Operand METHOD_NAME = new Operand(Kind.METHOD_NAME, -1, null);
    private static final Operand NONE = new Operand(Kind.NONE, -1, null);

    final Kind kind;
    final int index;
    final String name;
    final String descriptor;

    private Operand(Kind kind, int index, String name) {
        this(kind, index, name, null);
    }

    private Operand(Kind kind, int index, String name, String descriptor) {
        this.kind = kind;
        this.index = index;
        this.name = name;
        this.descriptor = descriptor;
    }

    /** The instance the method runs on. */
    public static Operand self() {
        return THIS;
    }

    /** The method's argument at {@code index}, counted from 0. */
    public static Operand argument(int index) {
        if (index < 0) throw new IllegalArgumentException("argument " + index);
        return new Operand(Kind.ARGUMENT, index, null);
    }

    /** What the first bridge call on entry handed back, kept for the calls on the way out. */
    public static Operand token() {
        return TOKEN;
    }

    /** The value the method returns: the default of its type when it throws. */
    public static Operand returned() {
        return RETURNED;
    }

    /** What the method throws, or null when it returns: reading it makes the exit run both ways out. */
    public static Operand thrown() {
        return THROWN;
    }

    /**
     * A field of the instance, declared in its class or inherited, of the type of this descriptor
     * ({@code I}, {@code Ljava/lang/Object;}); read on the way out.
     */
    public static Operand field(String name, String descriptor) {
        return new Operand(Kind.FIELD, -1, name, descriptor);
    }

    /** The name of the method woven, as a constant. */
    public static Operand methodName() {
        return METHOD_NAME;
    }

    /** Null, for a bridge parameter this hook has nothing for. */
    public static Operand none() {
        return NONE;
    }

    @Override
    public String toString() {
        return kind == Kind.ARGUMENT ? "argument(" + index + ")" : kind == Kind.FIELD ? "field(" + name + ")"
                : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
