package dev.keywatch.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the Prometheus text format well enough to find series by name and labels. */
final class PrometheusText {
    static final class Sample {
        final String name;
        final Map<String, String> labels;
        final double value;

        Sample(String name, Map<String, String> labels, double value) {
            this.name = name;
            this.labels = labels;
            this.value = value;
        }

        @Override
        public String toString() {
            return name + labels + " " + value;
        }
    }

    private final List<Sample> samples = new ArrayList<>();

    PrometheusText(String text) {
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace >= 0 ? line.substring(0, brace) : line.substring(0, space);
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0) {
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                int i = 0;
                while (i < body.length()) {
                    int eq = body.indexOf('=', i);
                    int start = eq + 2;
                    int end = start;
                    while (body.charAt(end) != '"' || body.charAt(end - 1) == '\\') end++;
                    labels.put(body.substring(i, eq), body.substring(start, end));
                    i = end + 2;
                }
            }
            samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
    }

    /** The sum over every series of that name whose labels include all the given ones. */
    double sum(String name, String... labelPairs) {
        double total = 0;
        for (Sample s : samples) {
            if (!s.name.equals(name)) continue;
            boolean matches = true;
            for (int i = 0; i < labelPairs.length; i += 2) {
                if (!labelPairs[i + 1].equals(s.labels.get(labelPairs[i]))) {
                    matches = false;
                    break;
                }
            }
            if (matches) total += s.value;
        }
        return total;
    }

    List<Sample> samples(String name) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.name.equals(name)) out.add(s);
        }
        return out;
    }
}
