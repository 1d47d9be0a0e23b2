package dev.keywatch.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** Writes a script the programs read, one call a line; returns the file. */
    static Path write(Path file, ScriptedCall... calls) throws IOException {
        List<String> lines = new ArrayList<>();
        for (ScriptedCall c : Arrays.asList(calls)) {
            lines.add(c.line());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
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
