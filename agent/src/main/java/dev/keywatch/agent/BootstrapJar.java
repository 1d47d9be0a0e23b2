package dev.keywatch.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * The bridge classes travel inside the agent jar as a jar of their own; at start they are written to
 * a temporary file and appended to the bootstrap class path, so that advice in every class loader and
 * JDK module reaches one copy of them.
 */
final class BootstrapJar {
    static final String RESOURCE = "META-INF/keywatch/keywatch-bootstrap.jar";

    private BootstrapJar() {
    }

    static void appendTo(Instrumentation instrumentation) throws IOException {
        Path file = Files.createTempFile("keywatch-bootstrap-", ".jar");
        file.toFile().deleteOnExit();
        try (InputStream in = BootstrapJar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the agent jar");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file.toFile()));
    }
}
