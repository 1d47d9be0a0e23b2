package dev.keywatch.capture;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A response's kept headers (see {@link ResponseHeaders}) by lower-case name, the first value of each: one
 * slot per kept name, filled as the client's headers are read. Read on the application's thread at every
 * LLM response, so it costs one small array where a hash map would cost a table, a node per header and a
 * hash of each name; looked up by the classifier the same way.
 */
public final class KeptHeaders extends AbstractMap<String, String> {
    private final String[] values = new String[ResponseHeaders.count()];
    // Bit n set when slot n holds a value: lets the classifier skip a family of names none of which came,
    // and counts the map's size.
    private long filled;

    /** These headers as they are when already kept, else the kept names of any name-to-value map. */
    static KeptHeaders of(Map<String, String> headers) {
        if (headers instanceof KeptHeaders) {
            return (KeptHeaders) headers;
        }
        return ResponseHeaders.kept(headers == null ? null : headers.entrySet());
    }

    /** The slot for a response header's value when its name is kept and has none yet; else -1. */
    public int slotFor(String name) {
        int slot = ResponseHeaders.slot(name);
        return slot >= 0 && values[slot] == null ? slot : -1;
    }

    /** Fills a slot that {@link #slotFor} gave; a null value leaves it empty. */
    public void fill(int slot, String value) {
        if (value != null && values[slot] == null) {
            values[slot] = value;
            filled |= 1L << slot;
        }
    }

    /** The value in a slot of {@link ResponseHeaders#slotOf}, or null. */
    public String value(int slot) {
        return values[slot];
    }

    /** True when any of the slots set in {@code slots} (bit n for slot n) holds a value. */
    public boolean anyOf(long slots) {
        return (filled & slots) != 0;
    }

    @Override
    public String get(Object name) {
        int slot = name instanceof String ? ResponseHeaders.slot((String) name) : -1;
        return slot < 0 ? null : values[slot];
    }

    @Override
    public boolean containsKey(Object name) {
        return get(name) != null;
    }

    @Override
    public int size() {
        return Long.bitCount(filled);
    }

    /** Built when asked (tests, a debugger): the classifier only looks names up. */
    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        Set<Map.Entry<String, String>> entries = new LinkedHashSet<>();
        for (int slot = 0; slot < values.length; slot++) {
            if (values[slot] != null) {
                entries.add(new SimpleImmutableEntry<>(ResponseHeaders.name(slot), values[slot]));
            }
        }
        return Collections.unmodifiableSet(entries);
    }
}
