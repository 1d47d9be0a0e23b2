package dev.keywatch.agent.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.capture.CapturedExchange;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bedrock names its errors in the x-amzn-ErrorType header; a spent service quota is a 400. */
class BedrockClassificationTest {
    private final Classifier classifier = new Classifier();

    private Classification classify(int status, String errorType, String message) {
        return classifier.classify(CapturedExchange.builder().client("test").provider("aws.bedrock")
                .host("bedrock-runtime.us-east-1.amazonaws.com").port(443).method("POST")
                .path("/model/anthropic.claude-3-haiku-20240307-v1:0/converse").status(status)
                .headers(Map.of("x-amzn-errortype", errorType + ":http://internal.amazon.com/coral/com.amazon.bedrock/",
                        "x-amzn-requestid", "00000000-0000-4000-8000-000000000001"))
                .body("{\"message\":\"" + message + "\"}")
                .credentials(Collections.singletonList(TestKeys.REDUCER.reduceAuthorization(
                        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261122/us-east-1/bedrock/aws4_request, "
                                + "SignedHeaders=host;x-amz-date, Signature=0123")))
                .build());
    }

    @Test
    void aServiceQuotaExceededExceptionIsARateLimitOnA400() {
        Classification c = classify(400, "ServiceQuotaExceededException", "Your request exceeds the service quota "
                + "for your account. You can resubmit your request later.");
        assertThat(c.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(c.providerCode()).isEqualTo("ServiceQuotaExceededException");
    }

    @Test
    void anOtherValidationExceptionStaysABadRequest() {
        assertThat(classify(400, "ValidationException", "Malformed input request").reason())
                .isEqualTo(Reason.BAD_REQUEST);
    }
}
