package dev.keywatch.instrumentation.vertx;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Keywatch notes about a Vert.x request or response object, held weakly (Vert.x's objects keep
 * Object's identity equality, so this is an identity map). Every response and body chunk of the
 * application asks it; while it holds nothing, the answer comes from a counter, without the map's lock.
 *
 * <p>The counter goes up before each new entry and down when one is taken out. An entry the collector
 * clears first (an object dropped without its end) leaves it up, which only costs that shortcut.
 */
final class WeakRequestMap<V> {
    private final Map<Object, V> entries = Collections.synchronizedMap(new WeakHashMap<>());
    private final AtomicInteger count = new AtomicInteger();

    void put(Object key, V value) {
        count.incrementAndGet();
        if (entries.put(key, value) != null) {
            count.decrementAndGet(); // replaced, not added
        }
    }

    V get(Object key) {
        return count.get() == 0 ? null : entries.get(key);
    }

    V remove(Object key) {
        if (count.get() == 0) {
            return null;
        }
        V value = entries.remove(key);
        if (value != null) {
            count.decrementAndGet();
        }
        return value;
    }
}
