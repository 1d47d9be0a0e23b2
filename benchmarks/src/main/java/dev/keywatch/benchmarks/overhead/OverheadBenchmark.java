package dev.keywatch.benchmarks.overhead;

import dev.keywatch.demo.fake.FakeProvider;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole-process cost of attaching Keywatch, beside no agent and the OpenTelemetry Java agent, in one
 * run on this machine: the same program, the same fake provider on loopback, the three set-ups taking
 * turns round after round so that the machine's drift falls on all of them alike.
 * <ul>
 *   <li>Per request: each load run makes warm-up calls, then times thousands of sequential chat
 *   completions; the median over the rounds of each run's mean is reported.</li>
 *   <li>Startup: a program that makes one call and exits, timed from process start to exit; the median
 *   over the runs.</li>
 * </ul>
 * Run by {@code benchmarks/overhead.sh}.
 */
public final class OverheadBenchmark {
    /** Where each measure stands in a load run's result. */
    private static final int WALL = 0;
    private static final int CPU = 1;
    private static final int THREAD_CPU = 2;

    /** A key the fake provider accepts: every measured call is an LLM success, the common case. */
    private static final String KEY = "sk-proj-" + "Bm3Kq7Vx2Lp9Wz4Rt6Yh8Nd1Fs5Gc0Ja".repeat(3).substring(0, 74)
            + "T3BlbkFJ" + "Qe4Tr8Uy2Io6Pa0Sd3Fg7Hj1Kl5Zx9Cv".repeat(3).substring(0, 74);

    private final Settings settings;
    private final Path work;
    private final String url;

    private OverheadBenchmark(Settings settings, Path work, String url) {
        this.settings = settings;
        this.work = work;
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        // The JDK's HTTP server writes a response's head and body apart; with Nagle's algorithm on, each
        // exchange would wait out the client's delayed ACK (some 40 ms) and measure nothing else.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path work = Files.createTempDirectory("keywatch-overhead");
        Files.write(work.resolve("hosts"), "127.0.0.1 api.openai.com\n".getBytes(StandardCharsets.US_ASCII));
        try (FakeProvider fake = new FakeProvider().key(KEY, FakeProvider.Behaviour.VALID)
                .startHttp(new InetSocketAddress("127.0.0.1", 0))) {
            String url = "http://api.openai.com:" + fake.httpPort() + "/v1/chat/completions";
            new OverheadBenchmark(settings, work, url).run();
        }
    }

    private void run() throws Exception {
        System.out.printf("java %s (%s), %d cores; %d warm-up + %d measured calls per run, %d rounds; %d startup runs%n",
                System.getProperty("java.version"), settings.java, Runtime.getRuntime().availableProcessors(),
                settings.warmup, settings.calls, settings.rounds, settings.startupRuns);
        List<Setup> setups = setups();
        StringBuilder table = new StringBuilder()
                .append("| client | measure | no agent | Keywatch | OpenTelemetry agent |\n")
                .append("|---|---|---|---|---|\n");
        for (String client : settings.clients) {
            Map<Setup, List<double[]>> runs = new LinkedHashMap<>();
            setups.forEach(s -> runs.put(s, new ArrayList<>()));
            // Round 0 is not counted: the fake provider shares this JVM, and its first runs (whoever makes them)
            // measured up to 80% slower than the rest while its code was still being compiled.
            for (int round = 0; round <= settings.rounds; round++) {
                for (Setup setup : inTurn(setups, round)) {
                    double[] result = load(setup, client);
                    String line = String.format("%8.2f µs/request, %6.2f µs CPU, %6.2f µs on the calling thread",
                            result[WALL], result[CPU], result[THREAD_CPU]);
                    if (round == 0) {
                        System.out.printf("  %s warm-up %-9s %s (not counted)%n", client, setup.name, line);
                        continue;
                    }
                    runs.get(setup).add(result);
                    System.out.printf("  %s round %d %-9s %s%n", client, round, setup.name, line);
                }
            }
            String rounds = " per request (median of " + settings.rounds + " rounds)";
            table.append(row(client, "µs" + rounds, measure(runs, WALL), "%.1f"));
            table.append(row(client, "µs of the program's CPU" + rounds, measure(runs, CPU), "%.1f"));
            table.append(row(client, "µs of the calling thread's CPU" + rounds, measure(runs, THREAD_CPU), "%.1f"));
        }
        Map<Setup, List<Double>> startups = new LinkedHashMap<>();
        setups.forEach(s -> startups.put(s, new ArrayList<>()));
        for (int run = 1; run <= settings.startupRuns; run++) {
            for (Setup setup : inTurn(setups, run)) {
                startups.get(setup).add(startup(setup, settings.clients.get(0)));
            }
        }
        table.append(row(settings.clients.get(0), "ms to run a one-call program (median of " + settings.startupRuns
                + ")", startups, "%.0f"));
        System.out.println();
        System.out.print(table);
    }

    private static String row(String client, String measure, Map<Setup, List<Double>> values, String format) {
        List<Setup> setups = new ArrayList<>(values.keySet());
        double base = median(values.get(setups.get(0)));
        StringBuilder row = new StringBuilder("| " + client + " | " + measure + " | " + String.format(format, base));
        for (Setup setup : setups.subList(1, setups.size())) {
            double v = median(values.get(setup));
            row.append(" | ").append(String.format(format, v))
                    .append(String.format(" (%+.1f%%)", 100.0 * (v - base) / base));
        }
        return row.append(" |\n").toString();
    }

    private List<Setup> setups() throws IOException {
        List<Setup> setups = new ArrayList<>();
        setups.add(new Setup("none", Collections.emptyList()));
        // Keywatch as it is attached by default: Prometheus endpoint on, event log for failures.
        setups.add(new Setup("keywatch", Collections.singletonList("-javaagent:" + settings.keywatch
                + "=prometheus.host=127.0.0.1,prometheus.port=" + freePort())));
        // The OpenTelemetry agent with every exporter off: instrumentation cost alone.
        setups.add(new Setup("otel", Arrays.asList("-javaagent:" + settings.otel, "-Dotel.traces.exporter=none",
                "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none")));
        return setups;
    }

    /** Round 1 starts with the first setup, round 2 with the second, …: no setup always runs first or last. */
    private static List<Setup> inTurn(List<Setup> setups, int round) {
        List<Setup> turn = new ArrayList<>(setups);
        Collections.rotate(turn, -(Math.max(0, round - 1) % setups.size()));
        return turn;
    }

    /** One measure of every setup's runs. */
    private static Map<Setup, List<Double>> measure(Map<Setup, List<double[]>> runs, int index) {
        Map<Setup, List<Double>> values = new LinkedHashMap<>();
        runs.forEach((setup, results) -> {
            List<Double> column = new ArrayList<>();
            results.forEach(r -> column.add(r[index]));
            values.put(setup, column);
        });
        return values;
    }

    /** Microseconds per request of one load run: wall clock, process CPU and calling-thread CPU, by index. */
    private double[] load(Setup setup, String client) throws Exception {
        String out = runProgram(setup, "load", client, String.valueOf(settings.warmup), String.valueOf(settings.calls));
        for (String line : out.split("\n")) {
            if (line.startsWith(LoadProgram.RESULT)) {
                return new double[] {field(line, "mean_us"), field(line, "cpu_us"), field(line, "thread_cpu_us")};
            }
        }
        throw new IllegalStateException("no result from " + setup.name + ":\n" + out);
    }

    private static double field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Double.parseDouble(part.substring(name.length() + 1));
            }
        }
        throw new IllegalStateException(name + " missing from " + line);
    }

    private double startup(Setup setup, String client) throws Exception {
        long start = System.nanoTime();
        runProgram(setup, "startup", client);
        return (System.nanoTime() - start) / 1e6;
    }

    private String runProgram(Setup setup, String mode, String client, String... more) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(settings.java);
        command.addAll(setup.options);
        command.add("-Djdk.net.hosts.file=" + work.resolve("hosts"));
        // The fake provider now and then closes a kept-alive connection just as the JDK client reuses it;
        // the client retries that itself for GET only, unless told to for the program's POSTs too.
        command.add("-Djdk.httpclient.enableAllMethodRetry=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LoadProgram.class.getName());
        command.addAll(Arrays.asList(mode, client, url, KEY));
        command.addAll(Arrays.asList(more));
        Path output = work.resolve("out.txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(setup.name + " " + mode + " failed:\n"
                    + new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
        }
        return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static final class Setup {
        final String name;
        final List<String> options;

        Setup(String name, List<String> options) {
            this.name = name;
            this.options = options;
        }
    }

    /** {@code --keywatch JAR --otel JAR [--java BIN] [--clients okhttp,jdk] [--calls N] [--warmup N] [--rounds N] [--startup-runs N]}. */
    private static final class Settings {
        String keywatch;
        String otel;
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> clients = Arrays.asList("okhttp", "jdk");
        int calls = 20_000;
        // After 10,000 calls the agent's code was still being compiled by C2 (its last hot methods reached tier
        // 4 some 20,000 calls in), which the timed calls then paid for: 30,000 reach steady state.
        int warmup = 30_000;
        int rounds = 5;
        int startupRuns = 10;

        static Settings parse(String[] args) {
            Settings s = new Settings();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String v = args[i + 1];
                switch (args[i]) {
                    case "--keywatch": s.keywatch = new File(v).getAbsolutePath(); break;
                    case "--otel": s.otel = new File(v).getAbsolutePath(); break;
                    case "--java": s.java = v; break;
                    case "--clients": s.clients = Arrays.asList(v.split(",")); break;
                    case "--calls": s.calls = Integer.parseInt(v); break;
                    case "--warmup": s.warmup = Integer.parseInt(v); break;
                    case "--rounds": s.rounds = Integer.parseInt(v); break;
                    case "--startup-runs": s.startupRuns = Integer.parseInt(v); break;
                    default: throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (s.keywatch == null || s.otel == null) {
                throw new IllegalArgumentException("--keywatch and --otel name the two agent jars");
            }
            return s;
        }
    }
}
