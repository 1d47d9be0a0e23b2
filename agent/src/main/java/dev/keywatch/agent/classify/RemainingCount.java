package dev.keywatch.agent.classify;

/** A rate-limit header's count of requests or tokens left, as a number. */
public final class RemainingCount {
    private RemainingCount() {
    }

    /** The count a header's value gives; NaN when there is none or it is not a number. */
    public static double parse(String value) {
        if (value == null) {
            return Double.NaN;
        }
        String v = value.trim();
        try {
            return count(v);
        } catch (NumberFormatException notACount) {
            return Double.NaN;
        }
    }

    /** Remaining counts are whole numbers at every provider; the rare other form still parses, more slowly. */
    private static double count(String value) {
        if (value.isEmpty() || value.length() > 15) {
            return Double.parseDouble(value);
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return Double.parseDouble(value);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
