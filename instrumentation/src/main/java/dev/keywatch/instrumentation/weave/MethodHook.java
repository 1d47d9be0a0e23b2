package dev.keywatch.instrumentation.weave;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Bridge calls woven into the methods a matcher picks: some on entry, some on the way out. Every call is
 * guarded: whatever it throws goes to {@code KeywatchBridge.adviceFailed}, and the method goes on as if the
 * hook were not there. An exit that reads {@link Operand#thrown()} runs when the method throws too.
 */
public final class MethodHook {
    final MethodMatcher methods;
    final List<BridgeCall> enter;
    final List<BridgeCall> exit;

    private MethodHook(MethodMatcher methods, List<BridgeCall> enter, List<BridgeCall> exit) {
        this.methods = methods;
        this.enter = enter;
        this.exit = exit;
    }

    public static MethodHook on(MethodMatcher methods) {
        return new MethodHook(methods, Collections.emptyList(), Collections.emptyList());
    }

    /** Calls made before the method's own first instruction, in this order. */
    public MethodHook onEnter(BridgeCall... calls) {
        for (BridgeCall c : calls) {
            if (c.reads(Operand.Kind.RETURNED) || c.reads(Operand.Kind.THROWN) || c.reads(Operand.Kind.FIELD)
                    || (c.result != null && c.result.kind == Operand.Kind.RETURNED)) {
                throw new IllegalArgumentException("on entry there is nothing returned or thrown yet: " + c);
            }
        }
        if (methods.isConstructor()) {
            throw new IllegalArgumentException("a constructor's entry runs before its instance exists");
        }
        return new MethodHook(methods, append(enter, calls), exit);
    }

    /** Calls made as the method returns (and, if one reads what it throws, as it throws), in this order. */
    public MethodHook onExit(BridgeCall... calls) {
        for (BridgeCall c : calls) {
            if (c.result != null && c.result.kind != Operand.Kind.RETURNED) {
                throw new IllegalArgumentException("on the way out only the returned value can be replaced: " + c);
            }
            if (c.reads(Operand.Kind.THROWN) && methods.isConstructor()) {
                throw new IllegalArgumentException("a constructor's exit on throw would cover its super call");
            }
        }
        for (BridgeCall c : calls) {
            if (c.reads(Operand.Kind.TOKEN) && !usesToken()) {
                throw new IllegalArgumentException("no call on entry keeps a token for " + c);
            }
        }
        return new MethodHook(methods, enter, append(exit, calls));
    }

    boolean usesToken() {
        for (BridgeCall c : enter) {
            if (c.result != null && c.result.kind == Operand.Kind.TOKEN) return true;
        }
        return false;
    }

    boolean exitsOnThrow() {
        for (BridgeCall c : exit) {
            if (c.reads(Operand.Kind.THROWN)) return true;
        }
        return false;
    }

    private static List<BridgeCall> append(List<BridgeCall> list, BridgeCall[] more) {
        List<BridgeCall> all = new ArrayList<>(list);
        Collections.addAll(all, more);
        return Collections.unmodifiableList(all);
    }

    @Override
    public String toString() {
        return methods + " enter " + enter + " exit " + exit;
    }
}
