package dev.keywatch.credential;

/**
 * What is wrong with a credential as sent, before any provider has looked at it. Each finding is one
 * of the checks every "fix your LLM 401" guide asks people to do by hand.
 */
public enum HygieneFinding {
    /** Nothing after the scheme, or an empty header. */
    EMPTY("empty", true),
    /** {@code None}, {@code undefined}, {@code $OPENAI_API_KEY}, {@code sk-your-key-here}: the variable was never set. */
    PLACEHOLDER("placeholder", true),
    LEADING_WHITESPACE("leading_whitespace", false),
    TRAILING_WHITESPACE("trailing_whitespace", false),
    /** A CR or LF (or a literal {@code \n}) inside or around the key: usually read from a file. */
    NEWLINE("newline", false),
    /** Wrapped in quotes, as copied from a {@code .env} or JSON file. */
    QUOTES("quotes", false),
    /** {@code Bearer Bearer sk-…}: the scheme was added twice. */
    DOUBLE_SCHEME("double_scheme", false),
    /** {@code Authorization: sk-…} without {@code Bearer}. */
    MISSING_SCHEME("missing_scheme", false),
    /** A masked copy ({@code sk-…abcd}, {@code ****}) pasted instead of the key. */
    MASKED("masked", false),
    /** Shorter than keys of its kind: cut off when copied. */
    TRUNCATED("truncated", false),
    /** Characters outside printable ASCII, such as a zero-width space or a typographic quote. */
    NON_ASCII("non_ascii", false);

    private final String label;
    private final boolean meansMissing;

    HygieneFinding(String label, boolean meansMissing) {
        this.label = label;
        this.meansMissing = meansMissing;
    }

    public String label() {
        return label;
    }

    /** True when the finding means no real key was sent at all. */
    public boolean meansMissing() {
        return meansMissing;
    }
}
