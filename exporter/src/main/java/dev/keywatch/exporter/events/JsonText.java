package dev.keywatch.exporter.events;

/** Writes JSON string values; the agent writes JSON lines and reports without a JSON library. */
public final class JsonText {
    private JsonText() {
    }

    /** Appends {@code value} as a quoted JSON string, or {@code null}. */
    public static StringBuilder quote(StringBuilder sb, String value) {
        if (value == null) {
            return sb.append("null");
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
            }
        }
        return sb.append('"');
    }
}
