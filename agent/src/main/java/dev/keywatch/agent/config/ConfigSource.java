package dev.keywatch.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Raw settings in the contract's precedence: agent argument string, system property, environment
 * variable, the file named by {@code keywatch.config}. Property {@code keywatch.a.b} is environment
 * variable {@code KEYWATCH_A_B}.
 */
public final class ConfigSource {
    private final Map<String, String> agentArgs;
    private final Properties systemProperties;
    private final Map<String, String> environment;
    private final Properties file;

    private ConfigSource(Map<String, String> agentArgs, Properties systemProperties, Map<String, String> environment,
                         Properties file) {
        this.agentArgs = agentArgs;
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.file = file;
    }

    public static ConfigSource of(String agentArgs, Properties systemProperties, Map<String, String> environment,
                                  Consumer<String> warn) {
        Map<String, String> args = parseAgentArgs(agentArgs, warn);
        ConfigSource withoutFile = new ConfigSource(args, systemProperties, environment, new Properties());
        String path = withoutFile.get("keywatch.config");
        Properties file = new Properties();
        if (path != null && !path.trim().isEmpty()) {
            try (Reader reader = Files.newBufferedReader(Paths.get(path.trim()), StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException | RuntimeException e) {
                warn.accept("cannot read the configuration file keywatch.config=" + path.trim() + " ("
                        + e.getClass().getSimpleName() + "); ignoring it");
            }
        }
        return new ConfigSource(args, systemProperties, environment, file);
    }

    /** The raw value of a full key such as {@code keywatch.prometheus.port}, or null. */
    public String get(String key) {
        String v = agentArgs.get(key);
        if (v == null) v = systemProperties.getProperty(key);
        if (v == null) v = environment.get(environmentName(key));
        if (v == null) v = file.getProperty(key);
        return v;
    }

    /** Which keys were given as agent arguments, for telling unknown ones apart. */
    public Iterable<String> agentArgumentKeys() {
        return agentArgs.keySet();
    }

    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * {@code key=value,key=value}; the {@code keywatch.} prefix may be left out. Values may contain
     * {@code =} and {@code ;} (provider and alias lists), so only commas separate settings.
     */
    static Map<String, String> parseAgentArgs(String agentArgs, Consumer<String> warn) {
        Map<String, String> args = new HashMap<>();
        if (agentArgs == null || agentArgs.trim().isEmpty()) {
            return args;
        }
        for (String part : agentArgs.split(",")) {
            if (part.trim().isEmpty()) continue;
            int eq = part.indexOf('=');
            if (eq <= 0) {
                warn.accept("agent argument '" + part.trim() + "' is not key=value; ignoring it");
                continue;
            }
            String key = part.substring(0, eq).trim();
            if (!key.startsWith("keywatch.")) key = "keywatch." + key;
            args.put(key, part.substring(eq + 1).trim());
        }
        return args;
    }
}
