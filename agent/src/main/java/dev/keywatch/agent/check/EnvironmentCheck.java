package dev.keywatch.agent.check;

import dev.keywatch.agent.catalog.ProviderCatalog;
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
    private final ProviderCatalog catalog;

    public EnvironmentCheck(CredentialReducer reducer, ProviderCatalog catalog) {
        this.reducer = reducer;
        this.catalog = catalog;
    }

    /**
     * Every finding on the variables that are set; unset variables are not findings. A key is judged
     * against the provider its base URL reaches, so an OpenRouter key in {@code OPENAI_API_KEY} with
     * {@code OPENAI_BASE_URL} at OpenRouter is right, and at a relay of unknown kind any key may be.
     */
    public List<KeyFinding> check(Map<String, String> environment) {
        List<KeyFinding> findings = new ArrayList<>();
        for (KeyVariable v : KeyVariables.all()) {
            String value = environment.get(v.name());
            if (value == null) {
                continue;
            }
            String target = KeyVariables.targetProvider(v, KeyVariables.baseUrl(v, environment), catalog);
            findings.addAll(check(v.name(), v.provider(), target, value));
        }
        return findings;
    }

    /** The findings on one key of a variable meant for {@code provider}, sent to {@code target} (null: unknown). */
    public List<KeyFinding> check(String variable, String provider, String target, String value) {
        // A raw key, as a key header carries it: no scheme is expected in a variable.
        ReducedCredential key = reducer.reduceHeader(
                "azure.ai.openai".equals(provider) ? CredentialLocation.API_KEY : CredentialLocation.X_API_KEY, value);
        List<KeyFinding> findings = new ArrayList<>();
        for (HygieneFinding f : key.findings()) {
            findings.add(new KeyFinding(variable, provider, key.fingerprint(), key.hint(), f.label(), null));
        }
        if (target != null && ProviderCatalog.isBuiltIn(target) && !key.isMissing() && key.kind().isKnown()
                && !key.kind().providers().contains(target)) {
            findings.add(new KeyFinding(variable, provider, key.fingerprint(), key.hint(), WRONG_PROVIDER,
                    "the value is a key of kind " + key.kind().label()
                            + (target.equals(provider) ? "" : ", sent to " + target)));
        }
        return findings;
    }
}
