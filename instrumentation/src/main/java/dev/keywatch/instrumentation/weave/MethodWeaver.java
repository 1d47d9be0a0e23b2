package dev.keywatch.instrumentation.weave;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.jar.asm.TypePath;

/**
 * Weaves one hook into one method, as the class is read with expanded frames:
 * <pre>
 *   token = null; try { enter calls } catch (Throwable t) { adviceFailed(t) }
 *   try { the method's own code, each return a jump to the exit with its value kept }
 *   catch (Throwable t) { thrown = t }            (only when the exit reads what is thrown)
 *   exit: try { exit calls } catch (Throwable t) { adviceFailed(t) }
 *   if (thrown != null) throw thrown; return returned;
 * </pre>
 * The method's own handlers come first in the exception table, so the catch-all only sees what escapes
 * the method; the same exception object is rethrown, stack trace and all.
 */
final class MethodWeaver extends MethodVisitor {
    private static final String ADVICE_FAILED_DESCRIPTOR = "(Ljava/lang/Throwable;)V";
    private static final Type OBJECT = Type.getObjectType("java/lang/Object");

    private final String owner;
    private final String name;
    private final MethodHook hook;
    private final Map<String, String> fields;
    private final boolean frames;
    private final LocalsLayout locals;
    private final boolean exitsOnThrow;
    private final Label bodyStart = new Label();
    private final Label exit = new Label();
    private int hookStack;

    MethodWeaver(MethodVisitor target, String owner, int access, String name, String descriptor, MethodHook hook,
                 Map<String, String> fields, boolean frames) {
        super(Opcodes.ASM9, target);
        this.owner = owner;
        this.name = name;
        this.hook = hook;
        this.fields = fields;
        this.frames = frames;
        this.exitsOnThrow = hook.exitsOnThrow();
        boolean exits = !hook.exit.isEmpty();
        this.locals = new LocalsLayout(owner, (access & Opcodes.ACC_STATIC) != 0, descriptor, hook.usesToken(),
                exits, exitsOnThrow);
        if ((access & Opcodes.ACC_STATIC) != 0 && readsSelf(hook)) {
            throw new IllegalArgumentException(name + " is static: there is no instance to hand on");
        }
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (!hook.enter.isEmpty()) {
            if (locals.tokenSlot >= 0) {
                super.visitInsn(Opcodes.ACONST_NULL);
                super.visitVarInsn(Opcodes.ASTORE, locals.tokenSlot);
            }
            guarded(hook.enter, locals.bodyFrame());
            // The method's own first instruction may carry a frame of its own: never two at one offset.
            super.visitInsn(Opcodes.NOP);
        }
        super.visitLabel(bodyStart);
    }

    @Override
    public void visitInsn(int opcode) {
        if (hook.exit.isEmpty() || opcode < Opcodes.IRETURN || opcode > Opcodes.RETURN) {
            super.visitInsn(opcode);
            return;
        }
        if (locals.returnedSlot >= 0) {
            super.visitVarInsn(locals.returnType.getOpcode(Opcodes.ISTORE), locals.returnedSlot);
        }
        if (locals.thrownSlot >= 0) {
            super.visitInsn(Opcodes.ACONST_NULL);
            super.visitVarInsn(Opcodes.ASTORE, locals.thrownSlot);
        }
        super.visitJumpInsn(Opcodes.GOTO, exit);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        super.visitVarInsn(opcode, locals.shift(var));
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        super.visitIincInsn(locals.shift(var), increment);
    }

    @Override
    public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
                                   int index) {
        super.visitLocalVariable(name, descriptor, signature, start, end, locals.shift(index));
    }

    @Override
    public AnnotationVisitor visitLocalVariableAnnotation(
            int typeRef, TypePath typePath, Label[] start, Label[] end, int[] index,
            String descriptor, boolean visible) {
        int[] shifted = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            shifted[i] = locals.shift(index[i]);
        }
        return super.visitLocalVariableAnnotation(typeRef, typePath, start, end, shifted, descriptor, visible);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        if (locals.added == 0) {
            super.visitFrame(type, numLocal, local, numStack, stack);
            return;
        }
        if (type != Opcodes.F_NEW) {
            throw new IllegalStateException("frames must be read expanded");
        }
        Object[] shifted = locals.shiftFrame(numLocal, local);
        super.visitFrame(Opcodes.F_NEW, shifted.length, shifted, numStack, stack);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (!hook.exit.isEmpty()) {
            writeExit();
        }
        super.visitMaxs(Math.max(maxStack, hookStack), maxLocals + locals.added);
    }

    private void writeExit() {
        Object[] exitFrame = locals.exitFrame();
        if (exitsOnThrow) {
            Label bodyEnd = new Label();
            Label caught = new Label();
            super.visitLabel(bodyEnd);
            // Visited after the method's own handlers: last in the table, so last to be asked.
            super.visitTryCatchBlock(bodyStart, bodyEnd, caught, LocalsLayout.THROWABLE);
            super.visitLabel(caught);
            frame(locals.bodyFrame(), LocalsLayout.THROWABLE);
            super.visitVarInsn(Opcodes.ASTORE, locals.thrownSlot);
            if (locals.returnedSlot >= 0) {
                pushDefault(locals.returnType);
                super.visitVarInsn(locals.returnType.getOpcode(Opcodes.ISTORE), locals.returnedSlot);
            }
        }
        super.visitLabel(exit);
        frame(exitFrame);
        guarded(hook.exit, exitFrame);
        if (exitsOnThrow) {
            Label returns = new Label();
            super.visitVarInsn(Opcodes.ALOAD, locals.thrownSlot);
            super.visitJumpInsn(Opcodes.IFNULL, returns);
            super.visitVarInsn(Opcodes.ALOAD, locals.thrownSlot);
            super.visitInsn(Opcodes.ATHROW);
            super.visitLabel(returns);
            frame(exitFrame);
        }
        if (locals.returnedSlot >= 0) {
            super.visitVarInsn(locals.returnType.getOpcode(Opcodes.ILOAD), locals.returnedSlot);
        }
        super.visitInsn(locals.returnType.getOpcode(Opcodes.IRETURN));
    }

    /** The calls inside a catch-all whose handler reports to the bridge; ends at a frame with these locals. */
    private void guarded(List<BridgeCall> calls, Object[] frameLocals) {
        Label start = new Label();
        Label end = new Label();
        Label failed = new Label();
        Label done = new Label();
        super.visitTryCatchBlock(start, end, failed, LocalsLayout.THROWABLE);
        super.visitLabel(start);
        for (BridgeCall call : calls) {
            invoke(call);
        }
        super.visitLabel(end);
        super.visitJumpInsn(Opcodes.GOTO, done);
        super.visitLabel(failed);
        frame(frameLocals, LocalsLayout.THROWABLE);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, BridgeMethods.OWNER, BridgeMethods.ADVICE_FAILED,
                ADVICE_FAILED_DESCRIPTOR, false);
        super.visitLabel(done);
        frame(frameLocals);
    }

    private void invoke(BridgeCall call) {
        String descriptor = BridgeMethods.descriptor(call.method);
        Type[] parameters = Type.getArgumentTypes(descriptor);
        if (parameters.length != call.operands.size()) {
            throw new IllegalArgumentException(call + " does not fit " + call.method + descriptor);
        }
        int stack = 0;
        for (int i = 0; i < parameters.length; i++) {
            Type loaded = load(call.operands.get(i));
            convert(loaded, parameters[i], call);
            stack += parameters[i].getSize();
        }
        hookStack = Math.max(hookStack, stack + 1);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, BridgeMethods.OWNER, call.method, descriptor, false);
        Type result = Type.getReturnType(descriptor);
        if (call.result == null) {
            if (result.getSort() != Type.VOID) {
                super.visitInsn(result.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP);
            }
            return;
        }
        switch (call.result.kind) {
            case TOKEN:
                convert(result, OBJECT, call);
                super.visitVarInsn(Opcodes.ASTORE, locals.tokenSlot);
                break;
            case ARGUMENT:
                Type argument = locals.arguments[call.result.index];
                convert(result, argument, call);
                super.visitVarInsn(argument.getOpcode(Opcodes.ISTORE), locals.argumentSlot(call.result.index));
                break;
            default:
                convert(result, locals.returnType, call);
                super.visitVarInsn(locals.returnType.getOpcode(Opcodes.ISTORE), locals.returnedSlot);
        }
    }

    /** Pushes the operand; returns its type as declared. */
    private Type load(Operand operand) {
        switch (operand.kind) {
            case THIS:
                super.visitVarInsn(Opcodes.ALOAD, 0);
                return Type.getObjectType(owner);
            case ARGUMENT: {
                int slot = locals.argumentSlot(operand.index);
                Type type = locals.arguments[operand.index];
                super.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot);
                return type;
            }
            case TOKEN:
                super.visitVarInsn(Opcodes.ALOAD, locals.tokenSlot);
                return OBJECT;
            case RETURNED:
                if (locals.returnedSlot < 0) {
                    throw new IllegalArgumentException(name + " returns nothing");
                }
                super.visitVarInsn(locals.returnType.getOpcode(Opcodes.ILOAD), locals.returnedSlot);
                return locals.returnType;
            case THROWN:
                super.visitVarInsn(Opcodes.ALOAD, locals.thrownSlot);
                return Type.getObjectType(LocalsLayout.THROWABLE);
            case FIELD: {
                // Not declared here, it is inherited: the JVM resolves it up the hierarchy, and should it not,
                // the NoSuchFieldError is the guard's to catch.
                String declared = fields.get(operand.name);
                if (declared != null && !declared.equals(operand.descriptor)) {
                    throw new IllegalArgumentException(owner + "." + operand.name + " is " + declared);
                }
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitFieldInsn(Opcodes.GETFIELD, owner, operand.name, operand.descriptor);
                return Type.getType(operand.descriptor);
            }
            case METHOD_NAME:
                super.visitLdcInsn(name);
                return Type.getObjectType("java/lang/String");
            default:
                super.visitInsn(Opcodes.ACONST_NULL);
                return OBJECT;
        }
    }

    /**
     * From the type on the stack to the one expected: references are cast (inside the guard, so a wrong
     * type is a reported failure, not the application's); primitives must already match.
     */
    private void convert(Type from, Type to, BridgeCall call) {
        boolean fromReference = from.getSort() == Type.OBJECT || from.getSort() == Type.ARRAY;
        boolean toReference = to.getSort() == Type.OBJECT || to.getSort() == Type.ARRAY;
        if (fromReference && toReference) {
            if (!to.equals(OBJECT) && !to.equals(from)) {
                super.visitTypeInsn(Opcodes.CHECKCAST, to.getInternalName());
            }
            return;
        }
        if (fromReference || toReference || LocalsLayout.frameType(from) != LocalsLayout.frameType(to)) {
            throw new IllegalArgumentException(call + ": cannot pass " + from + " as " + to);
        }
    }

    private void pushDefault(Type type) {
        switch (type.getSort()) {
            case Type.LONG:
                super.visitInsn(Opcodes.LCONST_0);
                break;
            case Type.FLOAT:
                super.visitInsn(Opcodes.FCONST_0);
                break;
            case Type.DOUBLE:
                super.visitInsn(Opcodes.DCONST_0);
                break;
            case Type.OBJECT:
            case Type.ARRAY:
                super.visitInsn(Opcodes.ACONST_NULL);
                break;
            default:
                super.visitInsn(Opcodes.ICONST_0);
        }
    }

    private void frame(Object[] frameLocals, Object... stack) {
        if (frames) {
            super.visitFrame(Opcodes.F_NEW, frameLocals.length, frameLocals, stack.length, stack);
        }
    }

    private static boolean readsSelf(MethodHook hook) {
        for (List<BridgeCall> calls : Arrays.asList(hook.enter, hook.exit)) {
            for (BridgeCall c : calls) {
                if (c.reads(Operand.Kind.THIS) || c.reads(Operand.Kind.FIELD)) return true;
            }
        }
        return false;
    }
}
