package dev.keywatch.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM running one of the test programs, with or without the agent. The program prints its transcript,
 * then {@value #READY} and waits for its standard input to close, so that the test can scrape the
 * agent's endpoint while the program is still alive.
 */
final class ForkedJvm implements AutoCloseable {
    static final String READY = "PROGRAM-DONE";

    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread outPump;
    private final Thread errPump;

    private ForkedJvm(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), stdout);
        this.errPump = pump(process.getErrorStream(), stderr);
    }

    static ForkedJvm start(Path javaHome, List<String> jvmOptions, String mainClass, String... args) throws IOException {
        return start(javaHome, System.getProperty("java.class.path"), jvmOptions, mainClass, args);
    }

    static ForkedJvm start(Path javaHome, String classPath, List<String> jvmOptions, String mainClass, String... args)
            throws IOException {
        return start(javaHome, classPath, java.util.Collections.emptyMap(), jvmOptions, mainClass, args);
    }

    /**
     * Starts the program with none of the machine's Keywatch settings or provider keys in its environment
     * (so a developer's own keys never change a result), plus the variables given.
     */
    static ForkedJvm start(Path javaHome, String classPath, java.util.Map<String, String> environment,
                           List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("KEYWATCH_") || k.equals("JAVA_TOOL_OPTIONS")
                || k.endsWith("_API_KEY") || k.equals("AWS_BEARER_TOKEN_BEDROCK"));
        builder.environment().putAll(environment);
        return new ForkedJvm(builder.start());
    }

    /** Waits until the program has made all its calls. */
    void awaitReady(long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!stdout().contains(READY)) {
            if (!process.isAlive()) {
                throw new AssertionError("program exited early (" + process.exitValue() + ")\nstdout:\n" + stdout()
                        + "\nstderr:\n" + stderr());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("program did not finish its calls\nstdout:\n" + stdout() + "\nstderr:\n" + stderr());
            }
            Thread.sleep(20);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Writes one line to the program's standard input. */
    void tell(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Lets the program exit and waits for it. */
    int finish() throws Exception {
        try (OutputStream in = process.getOutputStream()) {
            in.flush();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("program did not exit\nstderr:\n" + stderr());
        }
        outPump.join(5000);
        errPump.join(5000);
        return process.exitValue();
    }

    /** The transcript: everything before {@value #READY}. */
    String transcript() {
        String out = stdout();
        int ready = out.indexOf(READY);
        return ready < 0 ? out : out.substring(0, ready);
    }

    String stdout() {
        synchronized (stdout) {
            return new String(stdout.toByteArray(), StandardCharsets.UTF_8);
        }
    }

    String stderr() {
        synchronized (stderr) {
            return new String(stderr.toByteArray(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (sink) {
                        sink.write(buffer, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
