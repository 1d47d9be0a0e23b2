package dev.keywatch.agent.install;

import dev.keywatch.capture.ApplicationPackages;
import net.bytebuddy.matcher.ElementMatcher;

/** The class loaders other Java agents keep their own classes in, which Keywatch leaves alone. */
final class OtherAgentsLoaders extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
    private static final String OPENTELEMETRY_AGENT_LOADER =
            ApplicationPackages.OPENTELEMETRY + ".javaagent.bootstrap.AgentClassLoader";

    @Override
    public boolean matches(ClassLoader loader) {
        return loader != null && loader.getClass().getName().equals(OPENTELEMETRY_AGENT_LOADER);
    }
}
