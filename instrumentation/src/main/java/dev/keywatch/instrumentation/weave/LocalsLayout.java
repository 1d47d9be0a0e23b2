package dev.keywatch.instrumentation.weave;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The local variables of a woven method. The hook's own (token, returned value, thrown exception) sit right
 * after the parameters, and the method's own locals move up by as many slots: so no instruction of the
 * method can overwrite them, and every stack map frame of the method only gains the same few entries.
 */
final class LocalsLayout {
    private static final String OBJECT = "java/lang/Object";
    static final String THROWABLE = "java/lang/Throwable";

    final Type[] arguments;
    final Type returnType;
    private final int[] argumentSlots;
    /** The parameters (with {@code this}) as stack map frame entries. */
    private final List<Object> parameterFrame = new ArrayList<>();
    private final int parameterSlots;
    final int tokenSlot;
    final int returnedSlot;
    final int thrownSlot;
    /** How many slots the hook adds. */
    final int added;

    LocalsLayout(String owner, boolean isStatic, String descriptor, boolean token, boolean returned, boolean thrown) {
        arguments = Type.getArgumentTypes(descriptor);
        returnType = Type.getReturnType(descriptor);
        argumentSlots = new int[arguments.length];
        int slot = 0;
        if (!isStatic) {
            parameterFrame.add(owner);
            slot = 1;
        }
        for (int i = 0; i < arguments.length; i++) {
            argumentSlots[i] = slot;
            parameterFrame.add(frameType(arguments[i]));
            slot += arguments[i].getSize();
        }
        parameterSlots = slot;
        tokenSlot = token ? slot++ : -1;
        returnedSlot = returned && returnType.getSort() != Type.VOID ? slot : -1;
        slot += returnedSlot >= 0 ? returnType.getSize() : 0;
        thrownSlot = thrown ? slot++ : -1;
        added = slot - parameterSlots;
    }

    int argumentSlot(int index) {
        if (index >= arguments.length) {
            throw new IllegalArgumentException("the method has no argument " + index);
        }
        return argumentSlots[index];
    }

    /** Where the method's own local {@code slot} now lives. */
    int shift(int slot) {
        return slot >= parameterSlots ? slot + added : slot;
    }

    /** The locals inside the method's own code: the hook's returned value and exception not yet set. */
    Object[] bodyFrame() {
        List<Object> locals = new ArrayList<>(parameterFrame);
        addHookLocals(locals, false);
        return locals.toArray();
    }

    /** The locals on the way out: the parameters and the hook's own; the method's own are done with. */
    Object[] exitFrame() {
        List<Object> locals = new ArrayList<>(parameterFrame);
        addHookLocals(locals, true);
        return locals.toArray();
    }

    /** One of the method's own frames (expanded), with the hook's locals inserted after the parameters. */
    Object[] shiftFrame(int count, Object[] frame) {
        List<Object> locals = new ArrayList<>(count + 3);
        int i = 0;
        int slot = 0;
        while (slot < parameterSlots) {
            Object entry = i < count ? frame[i++] : Opcodes.TOP;
            locals.add(entry);
            slot += entry == Opcodes.LONG || entry == Opcodes.DOUBLE ? 2 : 1;
        }
        addHookLocals(locals, false);
        while (i < count) {
            locals.add(frame[i++]);
        }
        return locals.toArray();
    }

    private void addHookLocals(List<Object> locals, boolean exiting) {
        if (tokenSlot >= 0) {
            locals.add(OBJECT);
        }
        if (returnedSlot >= 0) {
            if (exiting) {
                locals.add(frameType(returnType));
            } else {
                for (int s = 0; s < returnType.getSize(); s++) locals.add(Opcodes.TOP);
            }
        }
        if (thrownSlot >= 0) {
            locals.add(exiting ? THROWABLE : Opcodes.TOP);
        }
    }

    static Object frameType(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN:
            case Type.BYTE:
            case Type.CHAR:
            case Type.SHORT:
            case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return type.getInternalName();
        }
    }
}
