package dev.keywatch.agent.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code .env} file the way dotenv tools do, so that doctor judges the value the application
 * will get: {@code export} prefixes and comments ignored; unquoted values trimmed and cut at {@code  #};
 * double quotes with escapes and across lines; single quotes literal; an unclosed quote kept as written.
 */
final class DotEnv {
    private final String text;
    private int pos;

    private DotEnv(String text) {
        this.text = text;
    }

    static Map<String, String> parse(String text) {
        return new DotEnv(text).entries();
    }

    private Map<String, String> entries() {
        Map<String, String> vars = new LinkedHashMap<>();
        while (pos < text.length()) {
            skipBlanks();
            if (pos >= text.length()) break;
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r') {
                pos++;
                continue;
            }
            if (c == '#') {
                skipLine();
                continue;
            }
            if (text.startsWith("export ", pos)) {
                pos += "export ".length();
                skipBlanks();
            }
            int eq = text.indexOf('=', pos);
            int eol = lineEnd(pos);
            if (eq < 0 || eq > eol) {
                skipLine();
                continue;
            }
            String key = text.substring(pos, eq).trim();
            pos = eq + 1;
            skipBlanks();
            String value = value();
            if (!key.isEmpty()) {
                vars.put(key, value);
            }
        }
        return vars;
    }

    private String value() {
        char first = pos < text.length() ? text.charAt(pos) : '\n';
        if (first == '"' || first == '\'') {
            int close = closingQuote(pos + 1, first);
            if (close >= 0) {
                String raw = text.substring(pos + 1, close);
                pos = close + 1;
                skipLine();
                return first == '"' ? unescape(raw) : raw;
            }
            // An unclosed quote: dotenv keeps the line as written, quote and all.
        }
        int eol = lineEnd(pos);
        String line = text.substring(pos, eol);
        pos = eol;
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (first == '"' || first == '\'') {
            return line;
        }
        int comment = line.indexOf(" #");
        return (comment >= 0 ? line.substring(0, comment) : line).trim();
    }

    private int closingQuote(int from, char quote) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char e = raw.charAt(++i);
                switch (e) {
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    default: sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private int lineEnd(int from) {
        int eol = text.indexOf('\n', from);
        return eol < 0 ? text.length() : eol;
    }

    private void skipLine() {
        pos = Math.min(text.length(), lineEnd(pos) + 1);
    }

    private void skipBlanks() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) pos++;
    }
}
