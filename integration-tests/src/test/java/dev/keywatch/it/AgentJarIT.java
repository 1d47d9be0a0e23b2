package dev.keywatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.Test;

/** The shaded jar: nothing outside Keywatch's own namespace, the bridge only in its nested jar, the manifest an agent needs. */
class AgentJarIT {
    @Test
    void everythingButTheBridgeIsInKeywatchsNamespace() throws Exception {
        try (JarFile jar = new JarFile(ClientsIT.agentJar().toFile())) {
            List<String> foreign = new ArrayList<>();
            List<String> bridge = new ArrayList<>();
            List<String> services = new ArrayList<>();
            for (JarEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                if (name.endsWith(".class") && !name.startsWith("dev/keywatch/")) foreign.add(name);
                if (name.startsWith("dev/keywatch/bootstrap/")) bridge.add(name);
                if (name.startsWith("META-INF/services/") && !name.endsWith("/")) services.add(name);
            }
            assertThat(foreign).as("classes that could clash with the application's").isEmpty();
            assertThat(bridge).as("bridge classes outside the nested bootstrap jar").isEmpty();
            assertThat(services).allSatisfy(s -> assertThat(s).startsWith("META-INF/services/dev.keywatch.shaded."));

            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Premain-Class")).isEqualTo("dev.keywatch.agent.KeywatchAgent");
            assertThat(manifest.getValue("Agent-Class")).isEqualTo("dev.keywatch.agent.KeywatchAgent");
            assertThat(manifest.getValue("Can-Retransform-Classes")).isEqualTo("true");

            List<String> nested = new ArrayList<>();
            try (InputStream in = jar.getInputStream(jar.getEntry("META-INF/keywatch/keywatch-bootstrap.jar"));
                 JarInputStream bootstrap = new JarInputStream(in)) {
                for (JarEntry e = bootstrap.getNextJarEntry(); e != null; e = bootstrap.getNextJarEntry()) {
                    if (e.getName().endsWith(".class")) nested.add(e.getName());
                }
            }
            assertThat(nested).containsExactlyInAnyOrder("dev/keywatch/bootstrap/KeywatchBridge.class",
                    "dev/keywatch/bootstrap/BridgeHooks.class");
        }
    }
}
