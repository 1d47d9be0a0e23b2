package dev.keywatch.exporter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every Keywatch metric, with the names and labels of the contract. Series a dashboard or an alert
 * reads are registered before they first change, so that {@code rate()} and {@code absent()} see 0.
 */
public final class KeywatchMetrics {
    public static final List<String> KEY_STATES = Collections.unmodifiableList(Arrays.asList(
            "healthy", "failing", "revoked", "forbidden", "rate_limited", "quota_exhausted"));
    public static final List<String> FAILURE_CATEGORIES = Collections.unmodifiableList(Arrays.asList(
            "auth", "permission", "quota", "rate_limit", "upstream", "client_error", "transport"));
    public static final List<String> RATE_LIMITS = Collections.unmodifiableList(Arrays.asList(
            "requests", "tokens", "input_tokens", "output_tokens"));
    public static final List<String> AGENT_COMPONENTS = Collections.unmodifiableList(Arrays.asList(
            "advice", "okhttp", "jdk-httpclient", "httpurlconnection", "apache-httpclient-4", "apache-httpclient-5",
            "reactor-netty", "vertx", "capture", "classifier", "exporter",
            "config", "startup", "spans", "otlp", "events"));

    // Upper bounds of the duration histogram: LLM calls take from tens of milliseconds to minutes.
    private static final Duration[] DURATION_BUCKETS = {
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final PrometheusMeterRegistry registry;
    // By the view itself, which the key memory keeps one of per tracked key: asked at every response, so
    // answered without building a string.
    private final Set<KeyView> registeredKeys = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<KeyView, Set<String>> registeredLimits = new ConcurrentHashMap<>();
    // Meters are never removed, and building one (tags sorted, id looked up, histogram settings validated)
    // costs more than the rest of an exchange's bookkeeping: each series is built once and kept here.
    // Bounded as the series are: the key label folds into "other" past keywatch.keys.max.
    private final ConcurrentHashMap<ResponseSeries, ResponseMeters> responses = new ConcurrentHashMap<>();
    // Counted per dropped event line under a flood of failures, so kept as well.
    private final ConcurrentHashMap<String, Counter> errors = new ConcurrentHashMap<>();

    public KeywatchMetrics(String version, List<String> instrumentations) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Info.builder()
                .name("keywatch_agent_info")
                .help("Keywatch agent version and the client instrumentations it installed")
                .labelNames("version", "instrumentations")
                .register(registry.getPrometheusRegistry())
                .setLabelValues(version, String.join(",", instrumentations));
        for (String component : AGENT_COMPONENTS) {
            agentErrors(component);
        }
    }

    /** One LLM response: the response counter and the duration histogram. */
    public void recordResponse(ResponseRecord r) {
        ResponseSeries series = new ResponseSeries(r);
        ResponseMeters meters = responses.get(series);
        if (meters == null) {
            meters = responses.computeIfAbsent(series, this::register);
        }
        meters.responses.increment();
        meters.duration.record((long) (r.durationSeconds() * 1e9), TimeUnit.NANOSECONDS);
    }

    /** A series' counter, and the timer of its provider and category (shared with the series' siblings). */
    private ResponseMeters register(ResponseSeries s) {
        Counter counter = Counter.builder("keywatch.llm.responses")
                .description("LLM API responses by why they succeeded or failed")
                .tags(Tags.of("provider", s.provider, "host", s.host, "status", Integer.toString(s.status),
                        "category", s.category, "reason", s.reason, "key", s.key))
                .register(registry);
        Timer timer = Timer.builder("keywatch.llm.request.duration")
                .description("Time from request to response headers (or failure) of LLM API calls")
                .tags("provider", s.provider, "category", s.category)
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry);
        return new ResponseMeters(counter, timer);
    }

    /** Registers the gauges of a newly tracked key, once; they read the view live from then on. */
    public void trackKey(KeyView key) {
        if (registeredKeys.contains(key) || !registeredKeys.add(key)) {
            return;
        }
        Tags base = Tags.of("provider", key.provider(), "key", key.key());
        for (String state : KEY_STATES) {
            Gauge.builder("keywatch.key.state", key, k -> state.equals(k.state()) ? 1 : 0)
                    .description("1 for the key's current state, 0 for the others")
                    .tags(base.and("state", state))
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("keywatch.key.last.success.timestamp", key, KeyView::lastSuccessSeconds)
                .description("When the key last succeeded, in epoch seconds; 0 when never")
                .baseUnit("seconds")
                .tags(base)
                .strongReference(true)
                .register(registry);
        for (String category : FAILURE_CATEGORIES) {
            Gauge.builder("keywatch.key.last.failure.timestamp", key, k -> k.lastFailureSeconds(category))
                    .description("When the key last failed with that category, in epoch seconds; 0 when never")
                    .baseUnit("seconds")
                    .tags(base.and("category", category))
                    .strongReference(true)
                    .register(registry);
        }
    }

    /** Registers a rate-limit gauge the first time a provider reports that limit for that key. */
    public void trackRateLimit(KeyView key, String limit) {
        Set<String> limits = registeredLimits.get(key);
        if (limits == null) {
            limits = registeredLimits.computeIfAbsent(key, unused -> ConcurrentHashMap.newKeySet());
        }
        if (limits.contains(limit) || !limits.add(limit)) {
            return;
        }
        Gauge.builder("keywatch.ratelimit.remaining", key, k -> k.rateLimitRemaining(limit))
                .description("Requests or tokens left in the current window, as the provider last reported")
                .tags("provider", key.provider(), "key", key.key(), "limit", limit)
                .strongReference(true)
                .register(registry);
    }

    /** Counts an exception the agent swallowed. */
    public void agentError(String component) {
        agentErrors(component).increment();
    }

    /** One startup hygiene finding on an environment variable (value 1 while it stands). */
    public void hygieneFinding(String provider, String variable, String finding) {
        Gauge.builder("keywatch.key.hygiene.findings", () -> 1)
                .description("Hygiene findings of the startup check on the process environment")
                .tags("provider", provider, "variable", variable, "finding", finding)
                .strongReference(true)
                .register(registry);
    }

    /** The Prometheus text exposition (or OpenMetrics, when that content type is asked for). */
    public String scrape(String contentType) {
        return contentType == null ? registry.scrape() : registry.scrape(contentType);
    }

    private Counter agentErrors(String component) {
        Counter counter = errors.get(component);
        if (counter == null) {
            counter = errors.computeIfAbsent(component, c -> Counter.builder("keywatch.agent.errors")
                    .description("Exceptions the agent caught and swallowed so that the application never saw them")
                    .tag("component", c)
                    .register(registry));
        }
        return counter;
    }

    private static final class ResponseMeters {
        final Counter responses;
        final Timer duration;

        ResponseMeters(Counter responses, Timer duration) {
            this.responses = responses;
            this.duration = duration;
        }
    }

    /** The labels of one response series. */
    private static final class ResponseSeries {
        final String provider;
        final String host;
        final int status;
        final String category;
        final String reason;
        final String key;
        private final int hash;

        ResponseSeries(ResponseRecord r) {
            provider = r.provider();
            host = r.host();
            status = r.status();
            category = r.category();
            reason = r.reason();
            key = r.key();
            // Not Objects.hash: its array and the boxed status would be built at every response.
            int h = Objects.hashCode(provider);
            h = 31 * h + Objects.hashCode(host);
            h = 31 * h + status;
            h = 31 * h + Objects.hashCode(category);
            h = 31 * h + Objects.hashCode(reason);
            hash = 31 * h + Objects.hashCode(key);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof ResponseSeries)) return false;
            ResponseSeries s = (ResponseSeries) o;
            return hash == s.hash && status == s.status && Objects.equals(provider, s.provider)
                    && Objects.equals(host, s.host) && Objects.equals(category, s.category)
                    && Objects.equals(reason, s.reason) && Objects.equals(key, s.key);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
