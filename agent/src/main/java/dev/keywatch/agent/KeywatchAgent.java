package dev.keywatch.agent;

import dev.keywatch.agent.cli.Cli;
import dev.keywatch.agent.config.ConfigSource;
import dev.keywatch.agent.config.KeywatchConfig;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;

/**
 * {@code -javaagent:keywatch-agent.jar[=key=value,…]}. Nothing here may fail the application: every
 * problem becomes one line on stderr and, where nothing safe remains, an agent that does nothing.
 */
public final class KeywatchAgent {
    private static final String ATTACHED = "keywatch.agent.attached";

    private KeywatchAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        start(args, instrumentation);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args, instrumentation);
    }

    /** {@code java -jar keywatch-agent.jar <command>}: {@code fingerprint}, {@code doctor}, {@code attach}. */
    public static void main(String[] args) {
        // UTF-8 whatever the locale: hints carry an ellipsis (sk-proj-…Ab3d).
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(Cli.run(args, System.in, out, err, System.getenv()));
    }

    private static synchronized void start(String args, Instrumentation instrumentation) {
        try {
            if (System.getProperty(ATTACHED) != null) {
                Log.warn("already attached to this JVM; ignoring the second -javaagent");
                return;
            }
            System.setProperty(ATTACHED, Version.get());
            KeywatchConfig config = KeywatchConfig.load(
                    ConfigSource.of(args, System.getProperties(), System.getenv(), Log::warn), Log::warn);
            if (!config.enabled()) {
                return;
            }
            // The bridge must be on the bootstrap class path before any class that names it is linked.
            BootstrapJar.appendTo(instrumentation);
            AgentRuntime.start(config, instrumentation);
        } catch (Throwable t) {
            Log.warn("failed to start, the application runs without Keywatch: " + t);
        }
    }
}
