package dev.keywatch.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The alert rules as Prometheus's own promtool checks and unit-tests them. */
class AlertRulesTest {
    static final Path DIR = Paths.get("prometheus");
    static final List<String> ALERTS = Arrays.asList("KeywatchKeyRevoked", "KeywatchKeyInvalid",
            "KeywatchKeyMisconfigured", "KeywatchCredentialErrorRateHigh", "KeywatchQuotaExhausted",
            "KeywatchRateLimitedSustained", "KeywatchStaleKeyAfterRotation", "KeywatchAgentDown");

    @Test
    void everyAlertHasSeverityDescriptionAndARunbookAndIsTestedFiringAndQuiet() throws Exception {
        String rules = read("keywatch-alerts.yml");
        String tests = read("keywatch-alerts.test.yml");
        for (String alert : ALERTS) {
            String rule = rules.substring(rules.indexOf("- alert: " + alert));
            int next = rule.indexOf("- alert: ", 1);
            rule = next > 0 ? rule.substring(0, next) : rule;
            assertThat(rule).as(alert).contains("severity: ").contains("summary: ").contains("description: ")
                    .contains("runbook_url: \"https://github.com/keywatch/keywatch/blob/main/README.md#");
            assertThat(count(tests, "alertname: " + alert)).as(alert + " evaluations").isGreaterThanOrEqualTo(1);
        }
        assertThat(count(tests, "exp_alerts: []")).as("quiet cases").isGreaterThanOrEqualTo(6);
        assertThat(count(tests, "- exp_labels:")).as("firing cases").isEqualTo(ALERTS.size());
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        String promtool = promtool();
        assertThat(run(promtool, "check", "rules", "keywatch-alerts.yml")).contains("SUCCESS: 8 rules found");
        assertThat(run(promtool, "test", "rules", "keywatch-alerts.test.yml")).contains("SUCCESS");
    }

    /** promtool from the PATH: CI installs Debian's prometheus package; elsewhere the test is skipped. */
    static String promtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, "promtool"))) {
                return Paths.get(dir, "promtool").toString();
            }
        }
        if (System.getenv("CI") != null) {
            fail("promtool is not installed; .ci/run installs it with apt-get install prometheus");
        }
        Assumptions.assumeTrue(false, "promtool is not installed (apt-get install prometheus)");
        return null;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String read(String name) throws Exception {
        return new String(Files.readAllBytes(DIR.resolve(name)), StandardCharsets.UTF_8);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
