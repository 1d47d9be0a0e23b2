package dev.keywatch.agent.keys;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The keys this process has seen, per provider and fingerprint, up to {@code keywatch.keys.max}.
 * Beyond that a key is not remembered and its label is {@code other}: memory and series stay bounded
 * however many keys pass through.
 */
public final class KeyMemory {
    public static final String OTHER = "other";

    private final int max;
    private final Map<String, String> aliases;
    /** Provider, then fingerprint: looked up at every response, so without building a string. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, KeyRecord>> records = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    public KeyMemory(int max, Map<String, String> aliases) {
        this.max = max;
        this.aliases = aliases;
    }

    /** The record of this key, created on first sight; null once the limit is reached. */
    public KeyRecord track(String provider, String fingerprint) {
        ConcurrentHashMap<String, KeyRecord> ofProvider = records.get(provider);
        if (ofProvider == null) {
            ofProvider = records.computeIfAbsent(provider, unused -> new ConcurrentHashMap<>());
        }
        KeyRecord known = ofProvider.get(fingerprint);
        if (known != null) {
            return known;
        }
        if (size.get() >= max) {
            return null;
        }
        return ofProvider.computeIfAbsent(fingerprint, k -> {
            if (size.incrementAndGet() > max) {
                size.decrementAndGet();
                return null;
            }
            return new KeyRecord(provider, label(fingerprint));
        });
    }

    /** The label a fingerprint shows under: its configured alias, or itself. */
    public String label(String fingerprint) {
        String alias = aliases.get(fingerprint);
        return alias != null ? alias : fingerprint;
    }
}
