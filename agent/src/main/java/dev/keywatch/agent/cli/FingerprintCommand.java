package dev.keywatch.agent.cli;

import dev.keywatch.agent.config.ConfigSource;
import dev.keywatch.agent.config.KeywatchConfig;
import dev.keywatch.credential.CredentialLocation;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.credential.HygieneFinding;
import dev.keywatch.credential.ReducedCredential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code fingerprint}: tells a person which of their keys a dashboard's {@code kf_…} is, with the same
 * salt rules as the agent. Reads keys from standard input so that they never appear in a process list
 * or a shell history.
 */
final class FingerprintCommand {
    private final Map<String, String> env;

    FingerprintCommand(Map<String, String> env) {
        this.env = env;
    }

    int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        String salt = null;
        boolean aliases = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--salt":
                    if (i + 1 >= args.length) throw new Cli.UsageException("--salt needs a value");
                    salt = args[++i];
                    break;
                case "--aliases":
                    aliases = true;
                    break;
                default:
                    throw new Cli.UsageException("unknown option " + args[i]);
            }
        }
        CredentialReducer reducer = new CredentialReducer(salt != null ? salt : agentSalt(env, err), true);
        List<String> pairs = new ArrayList<>();
        boolean any = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.trim().isEmpty()) {
                    continue;
                }
                String alias = null;
                String key = line;
                if (aliases) {
                    int eq = line.indexOf('=');
                    if (eq <= 0) {
                        err.println("keywatch fingerprint: expected alias=key; skipping a line");
                        continue;
                    }
                    alias = line.substring(0, eq).trim();
                    key = line.substring(eq + 1);
                }
                ReducedCredential r = reduce(reducer, key);
                any = true;
                out.println(row(r, alias));
                if (alias != null && r.fingerprint() != null) {
                    pairs.add(r.fingerprint() + "=" + alias);
                }
            }
        } catch (IOException e) {
            err.println("keywatch fingerprint: cannot read standard input: " + e.getMessage());
            return Cli.USAGE;
        }
        if (!any) {
            err.println("keywatch fingerprint: no keys on standard input (one a line)");
            return Cli.USAGE;
        }
        if (aliases && !pairs.isEmpty()) {
            out.println();
            out.println("keywatch.key.aliases=" + String.join(";", pairs));
        }
        return Cli.OK;
    }

    /** The salt the agent would use here: system property, environment, config file, or the built-in one. */
    static String agentSalt(Map<String, String> env, PrintStream err) {
        return KeywatchConfig.load(ConfigSource.of(null, System.getProperties(), env, w -> err.println("keywatch: " + w)),
                w -> err.println("keywatch: " + w)).fingerprintSalt();
    }

    /** A line may hold a bare key or a whole header value ({@code Bearer sk-…}). */
    static ReducedCredential reduce(CredentialReducer reducer, String key) {
        String t = key.trim();
        boolean headerValue = t.regionMatches(true, 0, "Bearer ", 0, 7) || t.regionMatches(true, 0, "AWS4-HMAC-SHA256", 0, 16);
        return headerValue ? reducer.reduceAuthorization(key) : reducer.reduceHeader(CredentialLocation.X_API_KEY, key);
    }

    private static String row(ReducedCredential r, String alias) {
        StringBuilder findings = new StringBuilder();
        for (HygieneFinding f : r.findings()) {
            if (findings.length() > 0) findings.append(',');
            findings.append(f.label());
        }
        return String.format("%-12s  %-22s  %-22s  %s%s",
                r.fingerprint() == null ? "(no key)" : r.fingerprint(),
                r.kind().label(),
                r.hint().isEmpty() ? "-" : r.hint(),
                findings.length() == 0 ? "ok" : findings,
                alias == null ? "" : "  " + alias);
    }
}
