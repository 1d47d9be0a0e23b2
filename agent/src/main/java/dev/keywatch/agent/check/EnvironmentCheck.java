package dev.keywatch.agent.check;

import dev.keywatch.credential.CredentialLocation;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.credential.HygieneFinding;
import dev.keywatch.credential.ReducedCredential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The offline half of every "fix your LLM 401" checklist, run on the keys in the environment: is the
 * variable set to a real key, free of whitespace, newlines, quotes and placeholders, whole, and of the
 * provider the variable is named after? A bad deploy shows before the first call fails.
 */
public final class EnvironmentCheck {
    public static final String WRONG_PROVIDER = "wrong_provider";

    private final CredentialReducer reducer;

    public EnvironmentCheck(CredentialReducer reducer) {
        this.reducer = reducer;
    }

    /** Every finding on the variables that are set; unset variables are not findings. */
    public List<KeyFinding> check(Map<String, String> environment) {
        List<KeyFinding> findings = new ArrayList<>();
        for (Map.Entry<String, String> v : KeyVariables.all().entrySet()) {
            String value = environment.get(v.getKey());
            if (value == null) {
                continue;
            }
            findings.addAll(check(v.getKey(), v.getValue(), value));
        }
        return findings;
    }

    /** The findings on one key meant for one provider. */
    public List<KeyFinding> check(String variable, String provider, String value) {
        // A raw key, as a key header carries it: no scheme is expected in a variable.
        ReducedCredential key = reducer.reduceHeader(
                "azure.ai.openai".equals(provider) ? CredentialLocation.API_KEY : CredentialLocation.X_API_KEY, value);
        List<KeyFinding> findings = new ArrayList<>();
        for (HygieneFinding f : key.findings()) {
            findings.add(new KeyFinding(variable, provider, key.fingerprint(), key.hint(), f.label(), null));
        }
        if (!key.isMissing() && key.kind().isKnown() && !key.kind().providers().contains(provider)) {
            findings.add(new KeyFinding(variable, provider, key.fingerprint(), key.hint(),
                    WRONG_PROVIDER, "the value is a key of kind " + key.kind().label()));
        }
        return findings;
    }
}
