package dev.keywatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap.SimpleEntry;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {
    @Test
    void keepsOnlyTheListedHeadersUnderLowerCaseNamesAndTheFirstOfRepeatedOnes() {
        List<Map.Entry<String, String>> entries = Arrays.asList(new SimpleEntry<>("X-Request-Id", "req_1"),
                new SimpleEntry<>("Set-Cookie", "session=secret"), new SimpleEntry<>("retry-after", "2"),
                new SimpleEntry<>("Retry-After", "9"));
        assertThat(ResponseHeaders.kept(entries)).containsOnly(Map.entry("x-request-id", "req_1"),
                Map.entry("retry-after", "2"));
        assertThat(ResponseHeaders.kept(null)).isEmpty();
    }

    @Test
    void takesOneValueOfANameToValuesMapAndSkipsEmptyOnes() {
        Map<String, List<String>> all = new TreeMap<>();
        all.put("Content-Type", Arrays.asList("application/json", "text/plain"));
        all.put("x-should-retry", Collections.emptyList());
        all.put("Authorization", Collections.singletonList("Bearer sk-should-never-be-kept"));
        assertThat(ResponseHeaders.keptFirstValues(all)).containsOnly(Map.entry("content-type", "application/json"));
        assertThat(ResponseHeaders.keptFirstValues(null)).isEmpty();
    }

    @Test
    void findsEveryKeptNameInAnyCaseAndNothingElse() {
        List<String> kept = Arrays.asList("content-type", "content-encoding", "x-request-id", "request-id",
                "apim-request-id", "x-amzn-requestid", "retry-after", "retry-after-ms", "x-ms-retry-after-ms",
                "x-should-retry", "x-amzn-errortype", "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens",
                "anthropic-ratelimit-requests-remaining", "anthropic-ratelimit-tokens-remaining",
                "anthropic-ratelimit-input-tokens-remaining", "anthropic-ratelimit-output-tokens-remaining",
                "x-ratelimitbysize-remaining-minute");
        for (String name : kept) {
            assertThat(ResponseHeaders.keptName(name)).isEqualTo(name);
            assertThat(ResponseHeaders.keptName(name.toUpperCase(java.util.Locale.ROOT))).isEqualTo(name);
            assertThat(ResponseHeaders.keptName(name.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                    + name.substring(1))).isEqualTo(name);
            assertThat(ResponseHeaders.keptName(name + "s")).isNull();
            assertThat(ResponseHeaders.keptName(name.substring(1))).isNull();
        }
        for (String other : Arrays.asList("", "Date", "Content-Length", "Set-Cookie", "Authorization", "Connection",
                "content_type", "x-request-ie", "openai-organization")) {
            assertThat(ResponseHeaders.keptName(other)).as(other).isNull();
        }
        assertThat(ResponseHeaders.keptName(null)).isNull();
    }

    @Test
    void keptHeadersAreAMapOfTheFirstValueOfEachKeptName() {
        KeptHeaders kept = new KeptHeaders();
        for (String[] header : new String[][] {{"X-Ratelimit-Remaining-Tokens", "49000"}, {"Date", "today"},
                {"x-ratelimit-remaining-tokens", "1"}, {"Request-Id", null}, {"request-id", "req_1"}}) {
            int slot = kept.slotFor(header[0]);
            if (slot >= 0) {
                kept.fill(slot, header[1]);
            }
        }
        assertThat(kept).containsOnly(Map.entry("x-ratelimit-remaining-tokens", "49000"),
                Map.entry("request-id", "req_1"));
        assertThat(kept.get("X-RATELIMIT-REMAINING-TOKENS")).isEqualTo("49000");
        assertThat(kept.get("date")).isNull();
        assertThat(kept.get(42)).isNull();
        assertThat(kept.containsKey("retry-after")).isFalse();
        assertThat(kept.slotFor("x-ratelimit-remaining-tokens")).as("already filled").isEqualTo(-1);
        assertThat(kept.slotFor("Date")).isEqualTo(-1);
        assertThat(new KeptHeaders()).isEmpty();
    }

    @Test
    void aKeptNameHasOneSlotThatReadsItsValueAndMarksItFilled() {
        int tokens = ResponseHeaders.slotOf("x-ratelimit-remaining-tokens");
        int requests = ResponseHeaders.slotOf("x-ratelimit-remaining-requests");
        int requestId = ResponseHeaders.slotOf("request-id");
        assertThat(new java.util.HashSet<>(Arrays.asList(tokens, requests, requestId))).hasSize(3);
        assertThat(ResponseHeaders.slotOf("X-RateLimit-Remaining-Tokens")).isEqualTo(tokens);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResponseHeaders.slotOf("date"))
                .isInstanceOf(IllegalArgumentException.class);

        KeptHeaders kept = new KeptHeaders();
        kept.fill(kept.slotFor("X-Ratelimit-Remaining-Tokens"), "49000");
        assertThat(kept.value(tokens)).isEqualTo("49000");
        assertThat(kept.value(requests)).isNull();
        assertThat(kept.anyOf(1L << tokens)).isTrue();
        assertThat(kept.anyOf(1L << requests | 1L << tokens)).isTrue();
        assertThat(kept.anyOf(1L << requests | 1L << requestId)).isFalse();
        assertThat(new KeptHeaders().anyOf(-1L)).isFalse();
    }

    @Test
    void anExchangeKeepsTheKeptNamesOfAnyMapItIsGivenAndIsNotChangedThroughIt() {
        Map<String, String> given = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        given.put("Retry-After", "20");
        given.put("Set-Cookie", "session=secret");
        CapturedExchange exchange = CapturedExchange.builder().status(429).headers(given).build();
        given.put("x-request-id", "req_late");
        assertThat(exchange.headers()).containsOnly(Map.entry("retry-after", "20"));
        assertThat(exchange.header("retry-after")).isEqualTo("20");
        assertThat(exchange.header(ResponseHeaders.slotOf("retry-after"))).isEqualTo("20");
        assertThat(exchange.hasAnyHeader(1L << ResponseHeaders.slotOf("x-request-id"))).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> exchange.headers().put("x-request-id", "req_2"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(CapturedExchange.builder().build().headers()).isEmpty();
    }
}
