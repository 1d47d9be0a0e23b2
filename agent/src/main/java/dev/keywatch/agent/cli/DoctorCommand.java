package dev.keywatch.agent.cli;

import dev.keywatch.exporter.events.JsonText;
import dev.keywatch.agent.Version;
import dev.keywatch.agent.catalog.ProviderCatalog;
import dev.keywatch.agent.check.EnvironmentCheck;
import dev.keywatch.agent.check.KeyFinding;
import dev.keywatch.agent.check.KeyVariable;
import dev.keywatch.agent.check.KeyVariables;
import dev.keywatch.agent.classify.Classification;
import dev.keywatch.agent.config.ConfigSource;
import dev.keywatch.agent.config.KeywatchConfig;
import dev.keywatch.credential.CredentialLocation;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.credential.ReducedCredential;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code doctor}: the checklist of every "fix your LLM 401" guide, run for the user. Is each variable
 * set, to a clean key, of the provider its base URL reaches? With {@code --online}, does the provider
 * accept it (one call that lists models)? Never prints a key; exits 1 when a key is broken.
 */
final class DoctorCommand {
    private final Map<String, String> processEnv;

    DoctorCommand(Map<String, String> processEnv) {
        this.processEnv = processEnv;
    }

    /** Everything doctor learned about one variable. */
    private static final class Report {
        KeyVariable variable;
        String source;
        String target;
        String baseUrl;
        ReducedCredential key;
        List<KeyFinding> findings;
        OnlineCheck.Result online;
        String onlineSkipped;
        boolean broken;
    }

    int run(String[] args, PrintStream out, PrintStream err) {
        boolean online = false;
        boolean json = false;
        String envFile = null;
        String salt = null;
        int timeoutSeconds = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--online": online = true; break;
                case "--json": json = true; break;
                case "--env-file": envFile = value(args, ++i, "--env-file"); break;
                case "--salt": salt = value(args, ++i, "--salt"); break;
                case "--timeout-seconds":
                    try {
                        timeoutSeconds = Integer.parseInt(value(args, ++i, "--timeout-seconds"));
                    } catch (NumberFormatException e) {
                        throw new Cli.UsageException("--timeout-seconds needs a whole number");
                    }
                    break;
                default: throw new Cli.UsageException("unknown option " + args[i]);
            }
        }

        // The environment wins over the file, as dotenv tools load it (they do not override).
        Map<String, String> env = new HashMap<>(processEnv);
        Map<String, String> sources = new HashMap<>();
        processEnv.keySet().forEach(k -> sources.put(k, "environment"));
        if (envFile != null) {
            try {
                String text = new String(Files.readAllBytes(Paths.get(envFile)), StandardCharsets.UTF_8);
                for (Map.Entry<String, String> e : DotEnv.parse(text).entrySet()) {
                    if (env.putIfAbsent(e.getKey(), e.getValue()) == null) sources.put(e.getKey(), envFile);
                }
            } catch (IOException e) {
                err.println("keywatch doctor: cannot read " + envFile + ": " + e.getMessage());
                return Cli.USAGE;
            }
        }

        KeywatchConfig config = KeywatchConfig.load(ConfigSource.of(null, System.getProperties(), env,
                w -> err.println("keywatch: " + w)), w -> err.println("keywatch: " + w));
        CredentialReducer reducer = new CredentialReducer(salt != null ? salt : config.fingerprintSalt(), true);
        ProviderCatalog catalog = ProviderCatalog.create(config.providers(), w -> err.println("keywatch: " + w));
        EnvironmentCheck check = new EnvironmentCheck(reducer, catalog);
        OnlineCheck prover = online ? new OnlineCheck(Duration.ofSeconds(timeoutSeconds), reducer) : null;

        List<Report> reports = new ArrayList<>();
        List<String> notSet = new ArrayList<>();
        for (KeyVariable v : KeyVariables.all()) {
            String value = env.get(v.name());
            if (value == null) {
                notSet.add(v.name());
                continue;
            }
            Report r = new Report();
            r.variable = v;
            r.source = sources.get(v.name());
            r.baseUrl = KeyVariables.baseUrl(v, env);
            r.target = KeyVariables.targetProvider(v, r.baseUrl, catalog);
            r.key = reducer.reduceHeader("azure.ai.openai".equals(v.provider())
                    ? CredentialLocation.API_KEY : CredentialLocation.X_API_KEY, value);
            r.findings = check.check(v.name(), v.provider(), r.target, value);
            if (prover != null) {
                prove(prover, r, value, env);
            }
            r.broken = !r.findings.isEmpty() || (r.online != null && r.online.classification != null
                    && isKeyProblem(r.online.classification.reason().category()));
            reports.add(r);
        }
        boolean broken = reports.stream().anyMatch(r -> r.broken);
        if (json) {
            out.println(json(reports, notSet, online, broken));
        } else {
            human(out, reports, notSet, online);
        }
        return broken ? Cli.BROKEN : Cli.OK;
    }

    private static void prove(OnlineCheck prover, Report r, String value, Map<String, String> env) {
        if (r.key.isMissing()) {
            r.onlineSkipped = "no key to send";
        } else if (r.variable.checkPath() == null) {
            r.onlineSkipped = "this provider has no call that authenticates without spending tokens";
        } else if (r.baseUrl == null) {
            r.onlineSkipped = "set " + String.join(" or ", r.variable.baseUrlVariables()) + " to check it online";
        } else if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            r.onlineSkipped = "not sent: HTTP clients refuse a header value with a line break, as the SDK's will";
        } else {
            try {
                r.online = prover.check(r.variable, r.target != null ? r.target : r.variable.provider(), r.baseUrl,
                        value, env);
            } catch (IllegalArgumentException e) {
                // The JDK's message quotes the header value: say what happened without it.
                r.onlineSkipped = "not sent: the HTTP client refused the value as a header";
            }
        }
    }

    /** A reason that means the key itself will not do: the fix is the key, not a retry. */
    private static boolean isKeyProblem(String category) {
        return category.equals("auth") || category.equals("permission") || category.equals("quota");
    }

    private static void human(PrintStream out, List<Report> reports, List<String> notSet, boolean online) {
        out.println("Keywatch doctor " + Version.get() + ": " + reports.size() + " key" + (reports.size() == 1 ? "" : "s")
                + " found" + (online ? ", each proven with one call that spends no tokens" : " (offline; --online "
                + "proves each with one call that spends no tokens)"));
        for (Report r : reports) {
            out.println();
            out.println(r.variable.name() + "  (" + r.source + ")  " + (r.broken ? "BROKEN" : "ok"));
            out.println("  " + (r.key.isMissing() ? "no key" : r.key.kind().label() + " key " + r.key.fingerprint() + " "
                    + r.key.hint()) + " -> " + describeTarget(r));
            for (KeyFinding f : r.findings) {
                out.println("  problem: " + f.explain());
            }
            if (r.online != null) {
                out.println("  online: " + describeOnline(r.online));
            } else if (r.onlineSkipped != null) {
                out.println("  online: skipped, " + r.onlineSkipped);
            }
        }
        if (!notSet.isEmpty()) {
            out.println();
            out.println("Not set: " + String.join(", ", notSet));
        }
        long broken = reports.stream().filter(r -> r.broken).count();
        out.println();
        out.println(broken == 0 ? "All " + reports.size() + " keys look right." : broken + " of " + reports.size()
                + " keys broken.");
    }

    private static String describeTarget(Report r) {
        if (r.baseUrl == null) {
            return r.variable.provider() + " (no base URL configured)";
        }
        String where = safeUrl(r.baseUrl);
        return r.target != null ? r.target + " at " + where : where + " (not a known provider's host: any kind of key may be right)";
    }

    private static String describeOnline(OnlineCheck.Result o) {
        if (o.classification == null) {
            return o.error;
        }
        Classification c = o.classification;
        StringBuilder sb = new StringBuilder();
        sb.append(o.status == 0 ? "no response" : Integer.toString(o.status)).append(' ').append(c.reason().label());
        if (c.providerCode() != null) sb.append(" (").append(c.providerCode()).append(')');
        sb.append(" in ").append(o.latencyMillis).append(" ms");
        if (c.requestId() != null) sb.append(", request id ").append(c.requestId());
        if (o.error != null) sb.append(": ").append(o.error);
        return sb.toString();
    }

    /** Scheme, host, port and path: never user info or a query, either of which can hold a secret. */
    static String safeUrl(String url) {
        try {
            URI u = URI.create(url);
            if (u.getHost() == null) return "(an unreadable URL)";
            return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(an unreadable URL)";
        }
    }

    private static String json(List<Report> reports, List<String> notSet, boolean online, boolean broken) {
        StringBuilder sb = new StringBuilder("{");
        JsonText.quote(sb.append("\"version\":"), Version.get());
        sb.append(",\"online\":").append(online).append(",\"ok\":").append(!broken).append(",\"keys\":[");
        for (int i = 0; i < reports.size(); i++) {
            Report r = reports.get(i);
            if (i > 0) sb.append(',');
            JsonText.quote(sb.append("{\"variable\":"), r.variable.name());
            JsonText.quote(sb.append(",\"source\":"), r.source);
            JsonText.quote(sb.append(",\"provider\":"), r.variable.provider());
            JsonText.quote(sb.append(",\"target_provider\":"), r.target);
            JsonText.quote(sb.append(",\"base_url\":"), r.baseUrl == null ? null : safeUrl(r.baseUrl));
            JsonText.quote(sb.append(",\"fingerprint\":"), r.key.fingerprint());
            JsonText.quote(sb.append(",\"kind\":"), r.key.kind().label());
            JsonText.quote(sb.append(",\"hint\":"), r.key.hint().isEmpty() ? null : r.key.hint());
            sb.append(",\"findings\":[");
            for (int j = 0; j < r.findings.size(); j++) {
                if (j > 0) sb.append(',');
                JsonText.quote(sb, r.findings.get(j).finding());
            }
            sb.append("],\"online\":");
            if (r.online == null) {
                sb.append("null");
            } else {
                Classification c = r.online.classification;
                sb.append("{\"status\":").append(r.online.status);
                JsonText.quote(sb.append(",\"reason\":"), c == null ? null : c.reason().label());
                JsonText.quote(sb.append(",\"category\":"), c == null ? null : c.reason().category());
                JsonText.quote(sb.append(",\"provider_code\":"), c == null ? null : c.providerCode());
                JsonText.quote(sb.append(",\"request_id\":"), c == null ? null : c.requestId());
                sb.append(",\"latency_ms\":").append(r.online.latencyMillis);
                JsonText.quote(sb.append(",\"error\":"), r.online.error).append('}');
            }
            JsonText.quote(sb.append(",\"online_skipped\":"), r.onlineSkipped);
            sb.append(",\"broken\":").append(r.broken).append('}');
        }
        sb.append("],\"not_set\":[");
        for (int i = 0; i < notSet.size(); i++) {
            if (i > 0) sb.append(',');
            JsonText.quote(sb, notSet.get(i));
        }
        return sb.append("]}").toString();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new Cli.UsageException(option + " needs a value");
        return args[i];
    }
}
