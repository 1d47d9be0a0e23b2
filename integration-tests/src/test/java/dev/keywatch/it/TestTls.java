package dev.keywatch.it;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away server certificate for the providers' real host names, made with the JDK's keytool,
 * and a trust store holding it for the programs under test.
 */
final class TestTls {
    static final String PASSWORD = "keywatch-test";
    static final List<String> HOSTS = Arrays.asList("api.openai.com", "api.anthropic.com",
            "generativelanguage.googleapis.com", SdkHosts.AZURE_OPENAI, SdkHosts.BEDROCK);

    final Path keyStore;
    final Path trustStore;

    private TestTls(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    static synchronized TestTls create(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path keyStore = dir.resolve("server.p12");
        Path cert = dir.resolve("server.pem");
        Path trustStore = dir.resolve("trust.p12");
        // Made once per working folder; made again when the host names it must carry have changed.
        Path names = dir.resolve("hosts.txt");
        String wanted = String.join("\n", HOSTS);
        if (Files.exists(trustStore) && Files.exists(names)
                && new String(Files.readAllBytes(names), java.nio.charset.StandardCharsets.UTF_8).equals(wanted)) {
            return new TestTls(keyStore, trustStore);
        }
        for (Path old : Arrays.asList(keyStore, cert, trustStore)) {
            Files.deleteIfExists(old);
        }
        StringBuilder san = new StringBuilder("SAN=ip:127.0.0.1");
        for (String h : HOSTS) {
            san.append(",dns:").append(h);
        }
        keytool("-genkeypair", "-alias", "fake-provider", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3",
                "-dname", "CN=keywatch fake provider", "-ext", san.toString(), "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "fake-provider", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "fake-provider", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", PASSWORD);
        Files.write(names, wanted.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new TestTls(keyStore, trustStore);
    }

    /** A hosts file that sends the certificate's host names to this machine. */
    static Path writeHostsFile(Path file) throws java.io.IOException {
        Files.write(file, ("127.0.0.1 " + String.join(" ", HOSTS) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return file;
    }

    /** What a program under test needs to reach the fake provider under the real host names over TLS. */
    List<String> clientOptions(Path hostsFile) {
        return new java.util.ArrayList<>(Arrays.asList(
                "-Djdk.net.hosts.file=" + hostsFile,
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12"));
    }

    SSLContext serverContext() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
        String[] command = new String[args.length + 1];
        command[0] = keytool.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }
}
