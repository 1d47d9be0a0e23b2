package dev.keywatch.agent.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every setting of the contract, validated once at start. A bad value costs one stderr line and the
 * default for that key; it never stops the application.
 */
public final class KeywatchConfig {
    public static final int DEFAULT_PROMETHEUS_PORT = 9477;

    private static final Set<String> KNOWN_KEYS = new HashSet<>(Arrays.asList(
            "keywatch.enabled", "keywatch.prometheus.port", "keywatch.prometheus.host", "keywatch.providers",
            "keywatch.fingerprint.salt", "keywatch.key.hint", "keywatch.key.aliases", "keywatch.keys.max",
            "keywatch.body.max-bytes", "keywatch.spans", "keywatch.log", "keywatch.log.max-bytes",
            "keywatch.log.backups", "keywatch.startup-check",
            "keywatch.config"));

    private final ConfigSource source;
    private final Consumer<String> warn;

    private final boolean enabled;
    private final int prometheusPort;
    private final String prometheusHost;
    private final Map<String, String> providers;
    private final String fingerprintSalt;
    private final boolean keyHints;
    private final Map<String, String> keyAliases;
    private final int keysMax;
    private final int bodyMaxBytes;
    private final String spans;
    private final String log;
    private final int logMaxBytes;
    private final int logBackups;
    private final boolean startupCheck;

    private KeywatchConfig(ConfigSource source, Consumer<String> warn) {
        this.source = source;
        this.warn = warn;
        for (String key : source.agentArgumentKeys()) {
            if (!KNOWN_KEYS.contains(key) && !key.startsWith("keywatch.instrumentation.")) {
                warn.accept("unknown setting " + key + "; ignoring it");
            }
        }
        this.enabled = bool("keywatch.enabled", true);
        this.prometheusPort = integer("keywatch.prometheus.port", DEFAULT_PROMETHEUS_PORT, 0, 65535, "a port from 0 (off) to 65535");
        this.prometheusHost = string("keywatch.prometheus.host", "0.0.0.0");
        this.providers = pairs("keywatch.providers", "host=provider");
        this.fingerprintSalt = string("keywatch.fingerprint.salt", null);
        this.keyHints = "last4".equals(choice("keywatch.key.hint", "last4", "last4", "none"));
        this.keyAliases = pairs("keywatch.key.aliases", "kf_xxxxxxxx=alias");
        this.keysMax = integer("keywatch.keys.max", 100, 1, 100_000, "a number from 1 to 100000");
        this.bodyMaxBytes = integer("keywatch.body.max-bytes", 8192, 0, 1 << 20, "a number of bytes from 0 to 1048576");
        this.spans = choice("keywatch.spans", "errors", "errors", "all", "off");
        this.log = string("keywatch.log", "stderr");
        this.logMaxBytes = integer("keywatch.log.max-bytes", 10 * 1024 * 1024, 4096, Integer.MAX_VALUE,
                "a number of bytes from 4096");
        this.logBackups = integer("keywatch.log.backups", 5, 0, 100, "a number of files from 0 to 100");
        this.startupCheck = bool("keywatch.startup-check", true);
    }

    public static KeywatchConfig load(ConfigSource source, Consumer<String> warn) {
        return new KeywatchConfig(source, warn);
    }

    public boolean enabled() { return enabled; }

    public int prometheusPort() { return prometheusPort; }

    public String prometheusHost() { return prometheusHost; }

    /** Extra hosts: {@code host[:port]} or {@code *.domain} to provider name, in the order given. */
    public Map<String, String> providers() { return providers; }

    /** Null for the built-in salt. */
    public String fingerprintSalt() { return fingerprintSalt; }

    public boolean keyHints() { return keyHints; }

    public Map<String, String> keyAliases() { return keyAliases; }

    public int keysMax() { return keysMax; }

    public int bodyMaxBytes() { return bodyMaxBytes; }

    /** {@code errors}, {@code all} or {@code off}. */
    public String spans() { return spans; }

    /** {@code stderr}, {@code off}, or a file path. */
    public String log() { return log; }

    /** The size at which a {@code keywatch.log} file is rotated. */
    public int logMaxBytes() { return logMaxBytes; }

    /** Rotated files kept beside a {@code keywatch.log} file ({@code .1} newest). */
    public int logBackups() { return logBackups; }

    public boolean startupCheck() { return startupCheck; }

    /** {@code keywatch.instrumentation.<name>.enabled}, default true. */
    public boolean instrumentationEnabled(String name) {
        return bool("keywatch.instrumentation." + name + ".enabled", true);
    }

    private String string(String key, String fallback) {
        String v = source.get(key);
        return v == null || v.trim().isEmpty() ? fallback : v.trim();
    }

    private boolean bool(String key, boolean fallback) {
        String v = source.get(key);
        if (v == null || v.trim().isEmpty()) return fallback;
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) return true;
        if (t.equals("false")) return false;
        warn.accept("invalid value '" + v.trim() + "' for " + key + " (expected true or false); using " + fallback);
        return fallback;
    }

    private int integer(String key, int fallback, int min, int max, String expected) {
        String v = source.get(key);
        if (v == null || v.trim().isEmpty()) return fallback;
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        warn.accept("invalid value '" + v.trim() + "' for " + key + " (expected " + expected + "); using " + fallback);
        return fallback;
    }

    private String choice(String key, String fallback, String... allowed) {
        String v = source.get(key);
        if (v == null || v.trim().isEmpty()) return fallback;
        String t = v.trim().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(t)) return a;
        }
        warn.accept("invalid value '" + v.trim() + "' for " + key + " (expected one of "
                + String.join(", ", allowed) + "); using " + fallback);
        return fallback;
    }

    /** {@code a=b;c=d}: every malformed pair is named once and skipped, the rest kept. */
    private Map<String, String> pairs(String key, String shape) {
        String v = source.get(key);
        if (v == null || v.trim().isEmpty()) return Collections.emptyMap();
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : v.split(";")) {
            if (pair.trim().isEmpty()) continue;
            int eq = pair.indexOf('=');
            String left = eq <= 0 ? "" : pair.substring(0, eq).trim();
            String right = eq <= 0 ? "" : pair.substring(eq + 1).trim();
            if (left.isEmpty() || right.isEmpty()) {
                warn.accept("invalid entry '" + pair.trim() + "' in " + key + " (expected " + shape + "); ignoring it");
                continue;
            }
            out.put(left, right);
        }
        return Collections.unmodifiableMap(out);
    }
}
