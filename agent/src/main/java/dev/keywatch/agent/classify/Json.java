package dev.keywatch.agent.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON to read a provider's error body: objects, arrays, strings, numbers, literals.
 * Bounded in depth; returns null for anything it cannot read (a truncated body, HTML), never throws.
 */
final class Json {
    private static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** A Map, List, String, Double, Boolean, or null. */
    static Object parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            Json json = new Json(text);
            Object value = json.value(0);
            json.skipWhitespace();
            return json.pos == text.length() ? value : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) throw new IllegalStateException("too deep");
        skipWhitespace();
        char c = text.charAt(pos);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default: return number();
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (text.charAt(pos) == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            String key = string();
            skipWhitespace();
            expect(':');
            map.put(key, value(depth + 1));
            skipWhitespace();
            char c = text.charAt(pos++);
            if (c == '}') return map;
            if (c != ',') throw new IllegalStateException("expected , or }");
        }
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (text.charAt(pos) == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            skipWhitespace();
            char c = text.charAt(pos++);
            if (c == ']') return list;
            if (c != ',') throw new IllegalStateException("expected , or ]");
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n': sb.append('\n'); break;
                case 't': sb.append('\t'); break;
                case 'r': sb.append('\r'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'u':
                    sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                    break;
                default: sb.append(e);
            }
        }
    }

    private Double number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) throw new IllegalStateException("unexpected character");
        return Double.valueOf(text.substring(start, pos));
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) throw new IllegalStateException("bad literal");
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (text.charAt(pos++) != c) throw new IllegalStateException("expected " + c);
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
