package dev.keywatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The demo with the agent, and a real Prometheus scraping it and evaluating the shipped alert rules:
 * the key alerts fire during the demo's scenario, and every query of the shipped dashboard returns data.
 */
class PrometheusStackIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern EXPR = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern VARIABLE_QUERY = Pattern.compile("\"definition\": \"label_values\\(((?:[^\"\\\\]|\\\\.)*), (\\w+)\\)\"");

    @Test
    void alertsFireAndEveryDashboardQueryReturnsDataDuringTheDemo() throws Exception {
        String prometheusBinary = onPath("prometheus");
        Path repo = Paths.get(System.getProperty("keywatch.repo", "..")).toAbsolutePath().normalize();
        Path work = ClientsIT.workDir("prometheus-stack");
        deleteRecursively(work);
        Files.createDirectories(work);
        int agentPort = ClientsIT.freePort();
        int fakePort = ClientsIT.freePort();
        int prometheusPort = ClientsIT.freePort();

        ProcessBuilder demo = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + repo.resolve("demo-app/hosts"),
                "-javaagent:" + ClientsIT.agentJar() + "=prometheus.port=" + agentPort + ",prometheus.host=127.0.0.1,log=off",
                "-jar", repo.resolve("demo-app/target/keywatch-demo.jar").toString(),
                "--port", Integer.toString(fakePort), "--pause-ms", "100", "--duration", "300");
        demo.environment().keySet().removeIf(k -> k.startsWith("KEYWATCH_") || k.endsWith("_API_KEY"));
        demo.environment().put("OPENAI_API_KEY", "sk-your-key-here");
        demo.redirectErrorStream(true).redirectOutput(work.resolve("demo.log").toFile());

        Files.write(work.resolve("prometheus.yml"), Arrays.asList(
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + repo.resolve("exporter/prometheus/keywatch-alerts.yml"),
                "scrape_configs:",
                "  - job_name: keywatch-demo",
                "    static_configs:",
                "      - targets: [\"127.0.0.1:" + agentPort + "\"]"), StandardCharsets.UTF_8);
        ProcessBuilder prometheus = new ProcessBuilder(prometheusBinary,
                "--config.file=" + work.resolve("prometheus.yml"), "--storage.tsdb.path=" + work.resolve("data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile());

        Process demoProcess = demo.start();
        Process prometheusProcess = prometheus.start();
        try {
            String api = "http://127.0.0.1:" + prometheusPort;
            assertThat(waitFor(60, () -> get(api + "/-/ready").contains("Ready"))).as("Prometheus ready").isTrue();

            Map<String, String> firing = new LinkedHashMap<>();
            boolean fired = waitFor(120, () -> {
                String alerts = get(api + "/api/v1/alerts");
                for (String alert : Arrays.asList("KeywatchKeyRevoked", "KeywatchQuotaExhausted", "KeywatchKeyInvalid")) {
                    firing.put(alert, stateOf(alerts, alert));
                }
                return "firing".equals(firing.get("KeywatchKeyRevoked")) && "firing".equals(firing.get("KeywatchQuotaExhausted"));
            });
            assertThat(fired).as("alert states " + firing).isTrue();
            assertThat(firing).containsEntry("KeywatchKeyInvalid", "firing");

            String dashboard = new String(Files.readAllBytes(repo.resolve("exporter/grafana/keywatch-auth-failures.json")),
                    StandardCharsets.UTF_8);
            List<String> queries = new ArrayList<>();
            Matcher m = EXPR.matcher(dashboard);
            while (m.find()) {
                queries.add(unescape(m.group(1)));
            }
            assertThat(queries).as("panel queries").hasSizeGreaterThanOrEqualTo(15);
            List<String> empty = new ArrayList<>();
            // Rates need a few scrapes in their window: give the panels up to a minute to fill.
            waitFor(60, () -> {
                empty.clear();
                for (String q : queries) {
                    String result = get(api + "/api/v1/query?query=" + encode(grafanaVariables(q)));
                    if (!result.contains("\"status\":\"success\"") || result.contains("\"result\":[]")) {
                        empty.add(q + " -> " + result);
                    }
                }
                Matcher v = VARIABLE_QUERY.matcher(dashboard);
                while (v.find()) {
                    String selector = grafanaVariables(unescape(v.group(1)));
                    String values = get(api + "/api/v1/label/" + v.group(2) + "/values?match[]=" + encode(selector));
                    if (!values.contains("\"status\":\"success\"") || values.contains("\"data\":[]")) {
                        empty.add("variable " + v.group(2) + " -> " + values);
                    }
                }
                return empty.isEmpty();
            });
            assertThat(empty).as("dashboard queries without data").isEmpty();
        } finally {
            prometheusProcess.destroy();
            demoProcess.destroy();
            prometheusProcess.waitFor(10, TimeUnit.SECONDS);
            demoProcess.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** What Grafana substitutes, with "All" selected for every variable. */
    static String grafanaVariables(String query) {
        return query.replace("$__rate_interval", "20s").replace("$__range", "2m")
                .replaceAll("\\$(job|provider|host|key)\\b", ".*");
    }

    private static String stateOf(String alertsJson, String alert) {
        int at = alertsJson.indexOf("\"alertname\":\"" + alert + "\"");
        if (at < 0) return "absent";
        Matcher state = Pattern.compile("\"state\":\"(\\w+)\"").matcher(alertsJson);
        return state.find(at) ? state.group(1) : "unknown";
    }

    interface Check {
        boolean done() throws Exception;
    }

    /** True once the check passes, false when it has not within the time. */
    private static boolean waitFor(int seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try {
                if (check.done()) return true;
            } catch (java.io.IOException notYet) {
                // not serving yet
            }
            Thread.sleep(500);
        }
        return check.done();
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unescape(String json) {
        return json.replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** A binary from the PATH: CI installs Debian's prometheus package; elsewhere the test is skipped. */
    static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, name))) {
                return Paths.get(dir, name).toString();
            }
        }
        if (System.getenv("CI") != null) {
            fail(name + " is not installed; .ci/run installs it with apt-get install prometheus");
        }
        Assumptions.assumeTrue(false, name + " is not installed (apt-get install prometheus)");
        return null;
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) return;
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
