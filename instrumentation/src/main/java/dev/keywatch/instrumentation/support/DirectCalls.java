package dev.keywatch.instrumentation.support;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Generates a {@link DirectCall} for one public library method: a class whose {@code call} casts the
 * target and arguments and invokes the method as the library's own callers do. A method handle that is not
 * a constant is called through several adapters the JIT cannot see through (some 20 ns a call, and a
 * capture makes dozens); this body is compiled like any other, the library method inlined into it.
 *
 * <p>The class is defined by a loader of its own whose parent is the loader of the method's class, so it
 * links against the library version the application loaded, and sees {@code DirectCall} through that
 * loader. It stays reachable only through the library class it calls.
 */
final class DirectCalls {
    private static final String SUPER = Type.getInternalName(DirectCall.class);
    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static final ClassValue<CallLoader> LOADERS = new ClassValue<CallLoader>() {
        @Override
        protected CallLoader computeValue(Class<?> library) {
            return new CallLoader(library.getClassLoader());
        }
    };

    private DirectCalls() {
    }

    /**
     * The direct call of {@code method} in {@code shape} (the target, then boxed arguments; an {@code Object}
     * or {@code int} result), or null when it cannot be made one: the caller keeps its method handle.
     */
    static DirectCall of(Method method, MethodType shape) {
        try {
            Class<?> owner = method.getDeclaringClass();
            boolean returnsInt = shape.returnType() == int.class;
            if (Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getModifiers())
                    || !Modifier.isPublic(owner.getModifiers()) || !owner.getModule().isExported(owner.getPackageName())
                    || method.getParameterCount() != shape.parameterCount() - 1
                    || (returnsInt && method.getReturnType() != int.class)) {
                return null;
            }
            CallLoader loader = LOADERS.get(owner);
            if (!loader.linksTo(owner) || !loader.linksTo(method.getReturnType())) {
                return null;
            }
            for (Class<?> p : method.getParameterTypes()) {
                if (!loader.linksTo(p)) {
                    return null;
                }
            }
            String name = SUPER + "$" + method.getName() + "$" + SERIAL.incrementAndGet();
            Class<?> generated = loader.define(name.replace('/', '.'), bytes(name, method, shape, returnsInt));
            return (DirectCall) generated.getDeclaredConstructor().newInstance();
        } catch (Throwable e) {
            // A loader that names classes its own way, a method the JVM will not link: the handle still works.
            return null;
        }
    }

    private static byte[] bytes(String name, Method method, MethodType shape, boolean returnsInt) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC, name, null, SUPER, null);
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, SUPER, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        Class<?> owner = method.getDeclaringClass();
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, returnsInt ? "callInt" : "call",
                shape.toMethodDescriptorString(), null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitTypeInsn(Opcodes.CHECKCAST, Type.getInternalName(owner));
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            mv.visitVarInsn(Opcodes.ALOAD, 2 + i);
            unbox(mv, parameters[i]);
        }
        mv.visitMethodInsn(owner.isInterface() ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL,
                Type.getInternalName(owner), method.getName(), Type.getMethodDescriptor(method), owner.isInterface());
        if (returnsInt) {
            mv.visitInsn(Opcodes.IRETURN);
        } else {
            box(mv, method.getReturnType());
            mv.visitInsn(Opcodes.ARETURN);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** An argument as the method takes it: cast, or unboxed from its wrapper (as a method handle's {@code asType}). */
    private static void unbox(MethodVisitor mv, Class<?> type) {
        if (!type.isPrimitive()) {
            if (type != Object.class) {
                mv.visitTypeInsn(Opcodes.CHECKCAST, Type.getInternalName(type));
            }
            return;
        }
        String wrapper = Type.getInternalName(wrapper(type));
        mv.visitTypeInsn(Opcodes.CHECKCAST, wrapper);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, wrapper, type.getName() + "Value",
                Type.getMethodDescriptor(Type.getType(type)), false);
    }

    /** A result as an {@code Object}: boxed, or null for {@code void}. */
    private static void box(MethodVisitor mv, Class<?> type) {
        if (type == void.class) {
            mv.visitInsn(Opcodes.ACONST_NULL);
        } else if (type.isPrimitive()) {
            Type wrapper = Type.getType(wrapper(type));
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper.getInternalName(), "valueOf",
                    Type.getMethodDescriptor(wrapper, Type.getType(type)), false);
        }
    }

    private static Class<?> wrapper(Class<?> primitive) {
        return MethodType.methodType(primitive).wrap().returnType();
    }

    /** Defines direct calls below one library's loader; {@link DirectCall} itself comes from the agent. */
    private static final class CallLoader extends ClassLoader {
        CallLoader(ClassLoader library) {
            super(library);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            return name.equals(DirectCall.class.getName()) ? DirectCall.class : super.loadClass(name, resolve);
        }

        /** True when the generated class, naming {@code type}, would link to this very class. */
        boolean linksTo(Class<?> type) {
            Class<?> element = type;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (element.isPrimitive()) {
                return true;
            }
            try {
                return Class.forName(element.getName(), false, this) == element;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
