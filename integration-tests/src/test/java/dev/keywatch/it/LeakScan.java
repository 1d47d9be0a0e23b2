package dev.keywatch.it;

import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The rule every output must keep: no 8 consecutive characters of a key's secret part, which is all of
 * the key but its public kind prefix and the last four characters the hint shows.
 */
final class LeakScan {
    private static final List<String> PUBLIC_PREFIXES = Arrays.asList("sk-proj-", "sk-svcacct-", "sk-admin-",
            "sk-ant-api03-", "sk-ant-admin01-", "sk-or-v1-", "sk-", "AIza", "gsk_", "xai-", "pplx-", "tgp_v1_", "fw_");

    private LeakScan() {
    }

    static void assertNoKeyMaterial(String where, String output, Collection<String> keys) {
        for (String key : keys) {
            String secret = secretPart(key);
            for (int i = 0; i + 8 <= secret.length(); i++) {
                String window = secret.substring(i, i + 8);
                int at = output.indexOf(window);
                if (at >= 0) {
                    fail(where + " contains key material '" + window + "' at " + at + ": …"
                            + output.substring(Math.max(0, at - 40), Math.min(output.length(), at + 48)) + "…");
                }
            }
        }
    }

    static String secretPart(String key) {
        String prefix = "";
        for (String p : PUBLIC_PREFIXES) {
            if (key.startsWith(p) && p.length() > prefix.length()) prefix = p;
        }
        return key.substring(prefix.length(), Math.max(prefix.length(), key.length() - 4));
    }
}
