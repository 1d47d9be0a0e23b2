package dev.keywatch.agent.install;

import dev.keywatch.capture.ApplicationPackages;

/**
 * The class loaders other Java agents keep their own classes in, which Keywatch leaves alone: the
 * OpenTelemetry agent's holds an OkHttp for its exporter, which is not the application's.
 */
final class OtherAgentsLoaders {
    private static final String OPENTELEMETRY_AGENT_LOADER =
            ApplicationPackages.OPENTELEMETRY + ".javaagent.bootstrap.AgentClassLoader";

    private OtherAgentsLoaders() {
    }

    static boolean owns(ClassLoader loader) {
        return loader != null && loader.getClass().getName().equals(OPENTELEMETRY_AGENT_LOADER);
    }
}
