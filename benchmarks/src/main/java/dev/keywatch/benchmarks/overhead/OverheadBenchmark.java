package dev.keywatch.benchmarks.overhead;

import dev.keywatch.demo.fake.FakeProvider;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
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
 * run on this machine: the same program, the same fake provider on loopback.
 * <ul>
 *   <li>Per request: one process of each setup is started and warmed up, then they take turns in short
 *   blocks of timed sequential chat completions, round after round, each round starting with another
 *   setup. Blocks a fraction of a second apart see much the same machine, so a setup's difference from no
 *   agent is taken round by round, and each process's median of those differences is its result. (Whole
 *   runs one after another differed by up to ±25% on this shared VM, which hid any single-digit cost.) A
 *   block's process CPU is read from its start to the start of its process's next block, so that it takes
 *   in the work the block left to other threads.</li>
 *   <li>That is repeated with fresh processes: how one JVM compiles the same code differs from the next,
 *   and the rounds of one process cannot show it (three one-process runs gave intervals that excluded
 *   each other). The reported difference is the mean of the processes' medians, with a 95% interval from
 *   Student's t over the processes.</li>
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
    private static final int KEYWATCH_CPU = 3;
    /**
     * How long the last block's process is left to finish its trailing work before its CPU is read: Keywatch
     * reports in batches every 20 ms.
     */
    private static final int SETTLE_MILLIS = 100;

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
        System.out.printf("java %s (%s), %d cores; per setup %d processes, each %d warm-up calls, then %d rounds"
                        + " of %d timed calls; %d startup runs%n", System.getProperty("java.version"), settings.java,
                Runtime.getRuntime().availableProcessors(), settings.processes, settings.warmup, settings.rounds,
                settings.blockCalls, settings.startupRuns);
        List<Setup> setups = setups();
        StringBuilder table = new StringBuilder()
                .append("| client | measure | no agent | Keywatch | OpenTelemetry agent |\n")
                .append("|---|---|---|---|---|\n");
        for (String client : settings.clients) {
            List<Map<Setup, List<double[]>>> processes = new ArrayList<>();
            for (int process = 1; process <= settings.processes; process++) {
                processes.add(load(setups, client, process));
            }
            String per = " per request";
            table.append(row(client, "µs" + per, processes, WALL));
            table.append(row(client, "µs of the program's CPU" + per, processes, CPU));
            table.append(row(client, "µs of the calling thread's CPU" + per, processes, THREAD_CPU));
            table.append(String.format("| %s | µs of Keywatch's own threads' CPU%s | – | %.2f | – |%n", client, per,
                    mean(processes, setups.get(1), KEYWATCH_CPU)));
        }
        Map<Setup, List<Double>> startups = new LinkedHashMap<>();
        setups.forEach(s -> startups.put(s, new ArrayList<>()));
        for (int run = 1; run <= settings.startupRuns; run++) {
            for (Setup setup : inTurn(setups, run)) {
                startups.get(setup).add(startup(setup, settings.clients.get(0)));
            }
        }
        table.append(startupRow(settings.clients.get(0), "ms to run a one-call program (median of "
                + settings.startupRuns + ")", startups));
        System.out.println();
        System.out.print(table);
    }

    /**
     * Every setup's timed blocks, one per round. A round 0 is run and not counted: the fake provider shares
     * this JVM, and its first blocks (whoever makes them) run slower while its own code is being compiled.
     */
    private Map<Setup, List<double[]>> load(List<Setup> setups, String client, int process) throws Exception {
        Map<Setup, List<double[]>> rounds = new LinkedHashMap<>();
        List<LoadProcess> processes = new ArrayList<>();
        try {
            for (Setup setup : setups) {
                rounds.put(setup, new ArrayList<>());
                processes.add(new LoadProcess(setup, client));
            }
            // One at a time: a process compiling its warm-up must not run beside another's timed block.
            for (LoadProcess p : processes) {
                p.warmUp(settings.warmup);
            }
            for (int round = 0; round <= settings.rounds; round++) {
                StringBuilder line = new StringBuilder(String.format("  %s process %d round %2d:", client, process,
                        round));
                for (LoadProcess p : inTurn(processes, round)) {
                    double[] block = p.block(settings.blockCalls);
                    line.append(String.format("  %s %.1f µs, %.1f thread", p.setup.name, block[WALL],
                            block[THREAD_CPU]));
                    if (round > 0) {
                        rounds.get(p.setup).add(block);
                    }
                }
                System.out.println(line.append(round == 0 ? " (not counted)" : ""));
            }
            for (LoadProcess p : processes) {
                p.settle();
            }
        } finally {
            for (LoadProcess p : processes) {
                p.close();
            }
        }
        return rounds;
    }

    /**
     * The mean of every setup's blocks, and beside each agent its difference from no agent: the mean over
     * the processes of each process's median relative difference round by round (a round disturbed by the
     * machine weighs no more than any other), with the 95% confidence interval of that mean from Student's
     * t over the processes.
     */
    private static String row(String client, String measure, List<Map<Setup, List<double[]>>> processes,
            int index) {
        List<Setup> setups = new ArrayList<>(processes.get(0).keySet());
        Setup none = setups.get(0);
        StringBuilder row = new StringBuilder(String.format("| %s | %s | %.1f", client, measure,
                mean(processes, none, index)));
        for (Setup setup : setups.subList(1, setups.size())) {
            double[] medians = new double[processes.size()];
            for (int p = 0; p < medians.length; p++) {
                medians[p] = medianDifference(processes.get(p).get(none), processes.get(p).get(setup), index);
            }
            double mean = Arrays.stream(medians).average().orElse(Double.NaN);
            double half = StudentT.quantile975(medians.length - 1) * standardDeviation(medians, mean)
                    / Math.sqrt(medians.length);
            System.out.printf("  %s, %s, %s: medians per process %s%n", client, measure, setup.name,
                    Arrays.stream(medians).mapToObj(m -> String.format("%+.1f%%", m))
                            .collect(java.util.stream.Collectors.joining(" ")));
            row.append(String.format(" | %.1f (%+.1f%%, %+.1f to %+.1f)", mean(processes, setup, index), mean,
                    mean - half, mean + half));
        }
        return row.append(" |\n").toString();
    }

    /** The median over the rounds of one process's relative difference from no agent, in percent. */
    private static double medianDifference(List<double[]> base, List<double[]> mine, int index) {
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            differences.add(100.0 * (mine.get(i)[index] / base.get(i)[index] - 1));
        }
        return median(differences);
    }

    private static double standardDeviation(double[] values, double mean) {
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return values.length < 2 ? Double.NaN : Math.sqrt(squares / (values.length - 1));
    }

    private static double mean(List<Map<Setup, List<double[]>>> processes, Setup setup, int index) {
        return processes.stream().flatMap(p -> p.get(setup).stream()).mapToDouble(b -> b[index]).average()
                .orElse(Double.NaN);
    }

    private static String startupRow(String client, String measure, Map<Setup, List<Double>> values) {
        List<Setup> setups = new ArrayList<>(values.keySet());
        double base = median(values.get(setups.get(0)));
        StringBuilder row = new StringBuilder(String.format("| %s | %s | %.0f", client, measure, base));
        for (Setup setup : setups.subList(1, setups.size())) {
            double v = median(values.get(setup));
            row.append(String.format(" | %.0f (%+.0f ms)", v, v - base));
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
    private static <T> List<T> inTurn(List<T> setups, int round) {
        List<T> turn = new ArrayList<>(setups);
        Collections.rotate(turn, -(Math.max(0, round - 1) % setups.size()));
        return turn;
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
        Path output = work.resolve("startup.txt");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command(setup, "startup", client)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(setup.name + " startup failed:\n"
                    + new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private List<String> command(Setup setup, String mode, String client) {
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
        return command;
    }

    /** One setup's load program, kept running between its blocks; what it prints besides answers goes to a file. */
    private final class LoadProcess {
        final Setup setup;
        private final Process process;
        private final Path log;
        private final BufferedWriter orders;
        private final BufferedReader answers;
        private double[] awaitingCpu;

        LoadProcess(Setup setup, String client) throws IOException {
            this.setup = setup;
            this.log = work.resolve(setup.name + "-" + client + ".log");
            this.process = new ProcessBuilder(command(setup, "load", client)).redirectError(log.toFile()).start();
            this.orders = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        void warmUp(int calls) throws IOException {
            answer("calls " + calls, LoadProgram.DONE);
        }

        /**
         * The block's wall clock and calling thread's CPU; its process CPU arrives with the next block's answer
         * (or {@link #settle}), which reads it from this block's start to the next's.
         */
        double[] block(int calls) throws IOException {
            String line = answer("block " + calls, LoadProgram.RESULT);
            takeCpu(line);
            double[] block = {field(line, "wall_us"), Double.NaN, field(line, "thread_cpu_us"), Double.NaN};
            awaitingCpu = block;
            return block;
        }

        /** The last block's CPU, once its trailing work has had time to finish. */
        void settle() throws IOException {
            takeCpu(answer("settle " + SETTLE_MILLIS, LoadProgram.RESULT));
        }

        private void takeCpu(String line) {
            if (awaitingCpu != null) {
                awaitingCpu[CPU] = field(line, "cpu_us");
                awaitingCpu[KEYWATCH_CPU] = field(line, "keywatch_cpu_us");
                awaitingCpu = null;
            }
        }

        /** Sends one order and waits for its answer; anything else the program prints on the way is skipped. */
        private String answer(String order, String prefix) throws IOException {
            orders.write(order);
            orders.newLine();
            orders.flush();
            for (String line; (line = answers.readLine()) != null; ) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new IllegalStateException(setup.name + " ended before answering " + order + ":\n"
                    + new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
        }

        void close() throws InterruptedException {
            try {
                orders.close();
            } catch (IOException ignored) {
                // already gone
            }
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        }
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

    /**
     * {@code --keywatch JAR --otel JAR [--java BIN] [--clients okhttp,jdk] [--warmup N] [--rounds N]
     * [--processes N] [--block-calls N] [--startup-runs N]}.
     */
    private static final class Settings {
        String keywatch;
        String otel;
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> clients = Arrays.asList("okhttp", "jdk");
        // After 10,000 calls the agent's code was still being compiled by C2 (its last hot methods reached tier
        // 4 some 20,000 calls in), which the timed calls then paid for.
        int warmup = 40_000;
        // The interval comes from the spread between processes, which three one-process runs showed to be the
        // larger part: more processes narrow it.
        int processes = 6;
        // Short blocks, many rounds. On this VM a setup's block differed from no agent's in the same round by a
        // spread (standard deviation) of 10-13% with blocks of 2,000 OkHttp calls and 16-20% with blocks of
        // 200: the spread shrinks far more slowly than the blocks, so 80 blocks of 250 pin a process's median
        // about twice as closely as 10 of 2,000, in less time. 250 calls are some 40 ms of OkHttp calls
        // (60 ms of the JDK client's), still long beside switching from one process to the next.
        int rounds = 80;
        int blockCalls = 250;
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
                    case "--block-calls": s.blockCalls = Integer.parseInt(v); break;
                    case "--warmup": s.warmup = Integer.parseInt(v); break;
                    case "--rounds": s.rounds = Integer.parseInt(v); break;
                    case "--processes": s.processes = Integer.parseInt(v); break;
                    case "--startup-runs": s.startupRuns = Integer.parseInt(v); break;
                    default: throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (s.processes < 2) {
                throw new IllegalArgumentException("--processes must be at least 2: the interval is over processes");
            }
            if (s.keywatch == null || s.otel == null) {
                throw new IllegalArgumentException("--keywatch and --otel name the two agent jars");
            }
            return s;
        }
    }
}
