package dev.keywatch.it;

import java.util.LinkedHashMap;
import java.util.Map;

/** One line of a call script: {@code name<TAB>url<TAB>Header: value<TAB>…}. */
final class ScriptedCall {
    final String name;
    final String url;
    final Map<String, String> headers = new LinkedHashMap<>();

    ScriptedCall(String name, String url) {
        this.name = name;
        this.url = url;
    }

    ScriptedCall header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    String line() {
        StringBuilder sb = new StringBuilder(name).append('\t').append(url);
        headers.forEach((k, v) -> sb.append('\t').append(k).append(": ").append(v));
        return sb.toString();
    }

    static ScriptedCall parse(String line) {
        String[] parts = line.split("\t");
        ScriptedCall call = new ScriptedCall(parts[0], parts[1]);
        for (int i = 2; i < parts.length; i++) {
            int colon = parts[i].indexOf(": ");
            call.header(parts[i].substring(0, colon), parts[i].substring(colon + 2));
        }
        return call;
    }
}
