package dev.keywatch.instrumentation.weave;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Weaves hooks into a class file. Only method bodies change (no member, flag or attribute is added), so a
 * class already loaded can be retransformed; methods no hook matches are copied through as they are.
 * Nothing is loaded and no class hierarchy is asked: the frames the hooks add are written from the
 * method's descriptor alone.
 */
public final class ClassWeaver {
    private ClassWeaver() {
    }

    /** The woven class file, or null when no hook matches any method. */
    public static byte[] weave(byte[] classFile, List<MethodHook> hooks) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        HookingVisitor visitor = new HookingVisitor(writer, hooks);
        reader.accept(visitor, ClassReader.EXPAND_FRAMES);
        return visitor.woven ? writer.toByteArray() : null;
    }

    private static final class HookingVisitor extends ClassVisitor {
        private final List<MethodHook> hooks;
        /** The class's own fields, which ClassReader visits before any method. */
        private final Map<String, String> fields = new HashMap<>();
        private String owner;
        private boolean frames;
        boolean woven;

        HookingVisitor(ClassVisitor target, List<MethodHook> hooks) {
            super(Opcodes.ASM9, target);
            this.hooks = hooks;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            owner = name;
            // Stack map frames exist from class file 50 (Java 6) on; older ones are verified without them.
            frames = (version & 0xFFFF) >= Opcodes.V1_6;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            if ((access & Opcodes.ACC_STATIC) == 0) {
                fields.put(name, descriptor);
            }
            return super.visitField(access, name, descriptor, signature, value);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
            for (MethodHook hook : hooks) {
                if (hook.methods.matches(access, name, descriptor)) {
                    woven = true;
                    return new MethodWeaver(target, owner, access, name, descriptor, hook, fields, frames);
                }
            }
            return target;
        }
    }
}
