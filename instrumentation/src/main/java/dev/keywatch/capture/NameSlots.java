package dev.keywatch.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The slot of each of a fixed list of header names (its index in the list), looked up in any ASCII case:
 * a header is looked up by name at every LLM exchange, and this costs no lower-cased copy of the name.
 * Header names are ASCII (RFC 9110 tokens).
 */
public final class NameSlots {
    private final List<String> names;
    /** Each name's slot plus one (0 is empty), by a hash that ignores ASCII case; open addressing. */
    private final byte[] table;
    private final int mask;

    public NameSlots(List<String> names) {
        if (names.size() > Byte.MAX_VALUE - 1) {
            throw new IllegalArgumentException("a slot is kept in a byte");
        }
        this.names = Collections.unmodifiableList(new ArrayList<>(names));
        // Three entries at least per name, a power of two: lookups of names not listed end at an empty entry.
        this.table = new byte[Integer.highestOneBit(Math.max(1, names.size()) * 3) * 2];
        this.mask = table.length - 1;
        for (int slot = 0; slot < names.size(); slot++) {
            int i = hashIgnoringCase(names.get(slot)) & mask;
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = (byte) (slot + 1);
        }
    }

    /** The names, in slot order. */
    public List<String> names() {
        return names;
    }

    /** The slot of a listed name (in any case), or -1 for any other name. */
    public int slot(String name) {
        if (name == null) {
            return -1;
        }
        for (int i = hashIgnoringCase(name) & mask; table[i] != 0; i = (i + 1) & mask) {
            String listed = names.get(table[i] - 1);
            // Readers that ask by the very literal listed here (string literals are one object per JVM) match at once.
            if (listed == name
                    || (listed.length() == name.length() && listed.regionMatches(true, 0, name, 0, listed.length()))) {
                return table[i] - 1;
            }
        }
        return -1;
    }

    /**
     * From the length and three characters, case folded: constant time for any name (a message carries a
     * dozen headers, most of them not listed), and the listed names hardly collide.
     */
    private static int hashIgnoringCase(String name) {
        int n = name.length();
        if (n == 0) {
            return 0;
        }
        return n * 961 + lower(name.charAt(0)) * 31 + lower(name.charAt(n / 2)) * 7 + lower(name.charAt(n - 1));
    }

    private static int lower(char c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
