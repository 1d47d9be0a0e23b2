package dev.keywatch.credential;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialReducerTest {
    /** Shaped like a real project key (74 + T3BlbkFJ + 74 characters), but made up. */
    private static final String KEY = "sk-proj-" + "Zq8wLm3Rt9Yp2Vx7Nc4Kd6Hs1Jf5Gb0AeWq3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz2Xc4Vb6Nm8Qw0Er2Ty4Ui6O"
            + "T3BlbkFJ" + "Uo7Ii9Pl2Mk4Nj6Bh8Vg1Cf3Xd5Sz7Aq9Wr2Et4Yu6Io8Pa0Sd2Fg4Hj6Kl8Zx0Cv2Bn4Mq6We8Rt0Yu2Ab3d";
    private final CredentialReducer reducer = new CredentialReducer("salt", true);

    @Test
    void oneKeySentCleanOrDirtyHasOneFingerprint() {
        ReducedCredential clean = reducer.reduceAuthorization("Bearer " + KEY);
        assertThat(clean.fingerprint()).matches("kf_[0-9a-f]{8}");
        assertThat(clean.findings()).isEmpty();
        assertThat(clean.kind()).isEqualTo(KeyKind.OPENAI_PROJECT);
        for (String dirty : new String[] {"Bearer " + KEY + "\n", "Bearer  " + KEY + " ", "Bearer \"" + KEY + "\"",
                "Bearer Bearer " + KEY, "bearer '" + KEY + "'", "Bearer " + KEY + "\\n"}) {
            ReducedCredential r = reducer.reduceAuthorization(dirty);
            assertThat(r.fingerprint()).as(dirty).isEqualTo(clean.fingerprint());
            assertThat(r.isMalformed()).as(dirty).isTrue();
        }
        assertThat(reducer.reduceHeader(CredentialLocation.X_API_KEY, KEY).fingerprint()).isEqualTo(clean.fingerprint());
    }

    @Test
    void theFingerprintDependsOnTheSalt() {
        assertThat(new CredentialReducer("other", true).reduceAuthorization("Bearer " + KEY).fingerprint())
                .isNotEqualTo(reducer.reduceAuthorization("Bearer " + KEY).fingerprint());
        assertThat(new CredentialReducer(null, true).reduceAuthorization("Bearer " + KEY).fingerprint())
                .isEqualTo(new CredentialReducer(Fingerprinter.DEFAULT_SALT, true).reduceAuthorization("Bearer " + KEY).fingerprint());
    }

    @Test
    void theHintShowsThePrefixAndTheLastFourOnly() {
        assertThat(reducer.reduceAuthorization("Bearer " + KEY).hint()).isEqualTo("sk-proj-\u2026Ab3d");
        assertThat(new CredentialReducer("salt", false).reduceAuthorization("Bearer " + KEY).hint()).isEmpty();
        ReducedCredential anthropic = reducer.reduceHeader(CredentialLocation.X_API_KEY,
                "sk-ant-api03-" + "a".repeat(93) + "AA");
        assertThat(anthropic.hint()).isEqualTo("sk-ant-api03-\u2026aaAA");
        assertThat(anthropic.kind()).isEqualTo(KeyKind.ANTHROPIC);
        // Too short to show four characters and still hide eight.
        assertThat(reducer.reduceAuthorization("Bearer abcdefghij").hint()).isEqualTo("\u2026");
    }

    @Test
    void placeholdersAndEmptyValuesMeanNoKey() {
        for (String v : new String[] {"Bearer None", "Bearer undefined", "Bearer null", "Bearer ", "Bearer",
                "Bearer $OPENAI_API_KEY", "Bearer ${ANTHROPIC_API_KEY}", "Bearer sk-your-key-here",
                "Bearer <your-api-key>", "Bearer YOUR_OPENAI_API_KEY", "Bearer sk-xxxxxxxx"}) {
            ReducedCredential r = reducer.reduceAuthorization(v);
            assertThat(r.isMissing()).as(v).isTrue();
            assertThat(r.fingerprint()).as(v).isNull();
            assertThat(r.hint()).as(v).isEmpty();
        }
    }

    @Test
    void findingsNameWhatIsWrong() {
        assertThat(reducer.reduceAuthorization(KEY).findings()).containsExactly(HygieneFinding.MISSING_SCHEME);
        assertThat(reducer.reduceAuthorization("Bearer " + KEY.substring(0, 40)).findings())
                .containsExactly(HygieneFinding.TRUNCATED);
        assertThat(reducer.reduceAuthorization("Bearer sk-proj-****Ab3d").findings()).contains(HygieneFinding.MASKED);
        assertThat(reducer.reduceAuthorization("Bearer " + KEY + "\u200b").findings()).contains(HygieneFinding.NON_ASCII);
        assertThat(reducer.reduceAuthorization("Bearer " + KEY + "\r\n").findings()).contains(HygieneFinding.NEWLINE);
    }

    @Test
    void recognisesKeyKindsAndSigV4() {
        assertThat(reducer.reduceAuthorization("Bearer AIza" + "B".repeat(35)).kind()).isEqualTo(KeyKind.GOOGLE);
        assertThat(reducer.reduceAuthorization("Bearer gsk_" + "c".repeat(52)).kind()).isEqualTo(KeyKind.GROQ);
        assertThat(reducer.reduceHeader(CredentialLocation.API_KEY, "0123456789abcdef0123456789abcdef").kind())
                .isEqualTo(KeyKind.AZURE);
        ReducedCredential sigv4 = reducer.reduceAuthorization("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261122/"
                + "us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=abcdef");
        assertThat(sigv4.location()).isEqualTo(CredentialLocation.AUTHORIZATION_SIGV4);
        assertThat(sigv4.kind()).isEqualTo(KeyKind.AWS_ACCESS_KEY);
        assertThat(sigv4.fingerprint()).isEqualTo(reducer.reduceAuthorization("Bearer AKIAIOSFODNN7EXAMPLE").fingerprint());
    }

    @Test
    void readsTheKeyQueryParameterDecoded() {
        ReducedCredential q = reducer.reduceQuery("alt=sse&key=AIza" + "D".repeat(35));
        assertThat(q.location()).isEqualTo(CredentialLocation.QUERY_KEY);
        assertThat(q.kind()).isEqualTo(KeyKind.GOOGLE);
        assertThat(reducer.reduceQuery("alt=sse")).isNull();
        assertThat(reducer.reduceQuery("monkey=1")).isNull();
    }

    @Test
    void nothingItReturnsContainsTheSecret() {
        ReducedCredential r = reducer.reduceAuthorization("Bearer " + KEY);
        String secret = KEY.substring("sk-proj-".length(), KEY.length() - 4);
        String everything = r.toString() + r.hint() + r.fingerprint();
        for (int i = 0; i + 8 <= secret.length(); i++) {
            assertThat(everything).doesNotContain(secret.substring(i, i + 8));
        }
    }
}
