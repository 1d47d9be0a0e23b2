package dev.keywatch.instrumentation.weave;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** One call from woven code to a static method of {@code KeywatchBridge}, and where its result goes. */
public final class BridgeCall {
    final String method;
    final List<Operand> operands;
    final Operand result;

    private BridgeCall(String method, List<Operand> operands, Operand result) {
        this.method = method;
        this.operands = operands;
        this.result = result;
    }

    /** {@code KeywatchBridge.<method>(operands…)}, its result (if any) dropped. */
    public static BridgeCall call(String method, Operand... operands) {
        return new BridgeCall(method, Collections.unmodifiableList(Arrays.asList(operands)), null);
    }

    /** The same call, its result stored in the token, an argument or the returned value. */
    public BridgeCall into(Operand target) {
        if (target.kind != Operand.Kind.TOKEN && target.kind != Operand.Kind.ARGUMENT
                && target.kind != Operand.Kind.RETURNED) {
            throw new IllegalArgumentException("cannot write " + target);
        }
        return new BridgeCall(method, operands, target);
    }

    boolean reads(Operand.Kind kind) {
        for (Operand o : operands) {
            if (o.kind == kind) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return (result == null ? "" : result + " = ") + method + operands;
    }
}
