package dev.keywatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NameSlotsTest {
    @Test
    void namesThatHashAlikeKeepTheirOwnSlots() {
        // Same length, first, middle and last character: the same hash, so they share a probe sequence.
        NameSlots slots = new NameSlots(Arrays.asList("x-aaa-b", "x-bab-b", "x-cac-b", "retry-after"));
        assertThat(slots.slot("x-aaa-b")).isEqualTo(0);
        assertThat(slots.slot("X-BAB-B")).isEqualTo(1);
        assertThat(slots.slot("x-Cac-b")).isEqualTo(2);
        assertThat(slots.slot("Retry-After")).isEqualTo(3);
        assertThat(slots.slot("x-dad-b")).as("same hash, not listed").isEqualTo(-1);
        assertThat(slots.slot("retry-afteR ")).isEqualTo(-1);
        assertThat(slots.slot("")).isEqualTo(-1);
        assertThat(slots.slot(null)).isEqualTo(-1);
        assertThat(slots.names()).containsExactly("x-aaa-b", "x-bab-b", "x-cac-b", "retry-after");
    }
}
