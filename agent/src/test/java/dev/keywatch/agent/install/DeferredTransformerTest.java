package dev.keywatch.agent.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.ClassFileTransformer;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeferredTransformerTest {
    private static final byte[] ORIGINAL = {1, 2, 3};
    private static final byte[] TRANSFORMED = {9};
    private static final ClassFileTransformer BYTE_BUDDY = new ClassFileTransformer() {
        @Override
        public byte[] transform(ClassLoader l, String name, Class<?> c, java.security.ProtectionDomain d, byte[] b) {
            return TRANSFORMED;
        }
    };

    private final DeferredTransformer deferred =
            new DeferredTransformer(Collections.singletonList("okhttp3.internal.connection.RealCall"), 5_000);

    @Test
    void otherClassesPassAtOnceEvenBeforeByteBuddyIsReady() throws Exception {
        long start = System.nanoTime();
        assertThat(deferred.transform(null, "java/lang/String", null, null, ORIGINAL)).isNull();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void aTargetClassWaitsForByteBuddyAndIsThenTransformed() throws Exception {
        CompletableFuture<byte[]> loading = CompletableFuture.supplyAsync(() -> {
            try {
                return deferred.transform(null, "okhttp3/internal/connection/RealCall", null, null, ORIGINAL);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(loading).as("still waiting").isNotDone();
        deferred.activate(BYTE_BUDDY);
        assertThat(loading.get(5, TimeUnit.SECONDS)).isEqualTo(TRANSFORMED);
    }

    @Test
    void abandoningReleasesWaitersUntransformed() throws Exception {
        deferred.abandon();
        assertThat(deferred.transform(null, "okhttp3/internal/connection/RealCall", null, null, ORIGINAL)).isNull();
    }

    @Test
    void aWaitThatRunsOutLeavesTheClassAsItIs() throws Exception {
        DeferredTransformer impatient = new DeferredTransformer(Collections.singletonList("a.B"), 50);
        assertThat(impatient.transform(null, "a/B", null, null, ORIGINAL)).isNull();
        assertThat(impatient.timedOut()).isTrue();
    }
}
