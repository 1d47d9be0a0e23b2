package dev.keywatch.instrumentation.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class RequestCredentialsTest {
    @Test
    void everyNameReadHasItsOwnSlotInAnyCase() {
        for (int slot = 0; slot < RequestCredentials.NAMES.size(); slot++) {
            String name = RequestCredentials.NAMES.get(slot);
            assertThat(RequestCredentials.slotOf(name)).as(name).isEqualTo(slot);
            assertThat(RequestCredentials.slotOf(name.toUpperCase(Locale.ROOT))).as(name).isEqualTo(slot);
            assertThat(RequestCredentials.slotOf(name.toLowerCase(Locale.ROOT))).as(name).isEqualTo(slot);
        }
    }

    @Test
    void otherHeadersHaveNoSlotEvenOfTheSameLength() {
        for (String other : new String[] {"Content-Type", "Authorisation", "x-api-kez", "api-kex", "x-goog-api-kex",
                "x-stainless-retry-counT-", "content-length", "", "User-Agent", "x-stainless-retry-counts"}) {
            assertThat(RequestCredentials.slotOf(other)).as(other).isEqualTo(-1);
        }
    }
}
