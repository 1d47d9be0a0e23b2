package dev.keywatch.agent;

import dev.keywatch.agent.config.ConfigSource;
import dev.keywatch.agent.config.KeywatchConfig;
import java.lang.instrument.Instrumentation;

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

    public static void main(String[] args) {
        System.out.println("Keywatch " + Version.get());
        System.out.println("Attach to a JVM: java -javaagent:keywatch-agent.jar[=key=value,...] -jar your-service.jar");
        System.out.println("Settings and metrics: see the README.");
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
