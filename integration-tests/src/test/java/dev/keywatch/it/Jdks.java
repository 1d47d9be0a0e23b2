package dev.keywatch.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The JDKs the programs under test run on: {@code -Dkeywatch.it.java.homes=a,b} when given, otherwise
 * the JDK running the tests and every other JDK installed beside it (on this project's machines, 17 and 25).
 */
final class Jdks {
    private Jdks() {
    }

    /** The cases of a parameterized test: each style (or client) on every JDK, JDK by JDK. */
    static Stream<Arguments> onEveryJdk(List<String> styles) {
        List<Arguments> cases = new ArrayList<>();
        for (Path jdk : homes()) {
            for (String style : styles) {
                cases.add(Arguments.of(style, jdk));
            }
        }
        return cases.stream();
    }

    static List<Path> homes() {
        Map<Path, Path> byRealPath = new LinkedHashMap<>();
        String configured = System.getProperty("keywatch.it.java.homes");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.trim().isEmpty()) {
            for (String h : configured.split(",")) {
                candidates.add(Paths.get(h.trim()));
            }
        } else {
            candidates.add(Paths.get(System.getProperty("java.home")));
            Path jvmDir = Paths.get(System.getProperty("java.home")).getParent();
            if (jvmDir != null && Files.isDirectory(jvmDir)) {
                try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvmDir)) {
                    for (Path d : dirs) {
                        candidates.add(d);
                    }
                } catch (IOException ignored) {
                    // only the running JDK then
                }
            }
        }
        for (Path home : candidates) {
            Path java = home.resolve("bin").resolve("java");
            if (!Files.isExecutable(java) || !Files.exists(home.resolve("lib").resolve("modules"))) {
                continue;
            }
            try {
                byRealPath.putIfAbsent(home.toRealPath(), home);
            } catch (IOException ignored) {
                // a dangling link
            }
        }
        return new ArrayList<>(byRealPath.values());
    }
}
