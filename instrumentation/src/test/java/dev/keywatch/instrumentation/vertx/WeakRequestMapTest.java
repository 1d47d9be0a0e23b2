package dev.keywatch.instrumentation.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeakRequestMapTest {
    private final WeakRequestMap<String> map = new WeakRequestMap<>();
    private final Object request = new Object();

    @Test
    void answersNothingForAnObjectNeverPut() {
        assertThat(map.get(request)).isNull();
        assertThat(map.remove(request)).isNull();
    }

    @Test
    void keepsAnEntryUntilItIsTakenOut() {
        map.put(request, "exchange");
        assertThat(map.get(request)).isEqualTo("exchange");
        assertThat(map.get(new Object())).isNull();
        assertThat(map.remove(request)).isEqualTo("exchange");
        assertThat(map.get(request)).isNull();
        assertThat(map.remove(request)).isNull();
    }

    @Test
    void aReplacedEntryIsTakenOutOnceAndOthersStayFindable() {
        Object other = new Object();
        map.put(request, "first");
        map.put(request, "second");
        map.put(other, "other");
        assertThat(map.remove(request)).isEqualTo("second");
        assertThat(map.remove(request)).isNull();
        assertThat(map.remove(other)).isEqualTo("other");
    }
}
