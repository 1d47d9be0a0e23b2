package dev.keywatch.demo;

/**
 * Made-up keys shaped like real ones, so that Keywatch recognises their kind. None of them has ever
 * been issued by a provider; the fake provider is the only server that knows them.
 */
final class DemoKeys {
    private DemoKeys() {
    }

    /** Works, then is revoked after {@link DemoApp#PROD_VALID_CALLS} calls: the dashboard's rotated key. */
    static final String OPENAI_PROD = openAi("KeywatchDemoProdMain");
    static final String OPENAI_BATCH = openAi("KeywatchDemoBatchJob");
    /** Never valid: a typo'd or foreign key. */
    static final String OPENAI_TYPO = openAi("KeywatchDemoTypoKey0");
    static final String OPENAI_BURST = openAi("KeywatchDemoBurstKey");
    /** Its organisation ran out of credit. */
    static final String OPENAI_TRIAL = openAi("KeywatchDemoTrialKey");
    static final String ANTHROPIC_MAIN = "sk-ant-api03-" + repeat("KeywatchDemoAnthropicMain_", 93) + "AA";

    private static String openAi(String seed) {
        return "sk-proj-" + repeat(seed + "-", 74) + "T3BlbkFJ" + repeat(seed + "_", 74);
    }

    private static String repeat(String seed, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.append(seed);
        }
        return sb.substring(0, length);
    }
}
