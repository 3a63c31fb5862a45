package com.mctb.twilio.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioWebhookSignerTest {

    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> PARAMS = Map.of(
            "CallSid", "CA1234567890ABCDE",
            "Caller", "+14158675309",
            "Digits", "1234",
            "From", "+14158675309",
            "To", "+18005551212");

    @Test
    void producesTwilioDocumentedSignature() {
        // The example of Twilio's webhook-security documentation and of the SDK's own test.
        assertThat(TwilioWebhookSigner.sign("12345", URL, PARAMS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        // The URL is signed exactly as given: an explicit default port is part of it.
        assertThat(TwilioWebhookSigner.sign("12345", "http://mycompany.com:80/myapp.php?foo=1&bar=2", PARAMS))
                .isEqualTo("0ZXoZLH/DfblKGATFgpif+LLRf4=");
    }

    @Test
    void theSdkValidatorAcceptsWhatItSignsAndNothingElse() {
        String signature = TwilioWebhookSigner.sign("secret-token", "https://hooks.example/twilio/voice/incoming",
                Map.of("CallSid", "CA1", "From", "+15551230001", "To", "+15557654321"));
        RequestValidator validator = new RequestValidator("secret-token");

        assertThat(validator.validate("https://hooks.example/twilio/voice/incoming",
                Map.of("CallSid", "CA1", "From", "+15551230001", "To", "+15557654321"), signature)).isTrue();
        assertThat(validator.validate("https://hooks.example/twilio/voice/incoming",
                Map.of("CallSid", "CA1", "From", "+15551230002", "To", "+15557654321"), signature)).isFalse();
        assertThat(new RequestValidator("other-token").validate("https://hooks.example/twilio/voice/incoming",
                Map.of("CallSid", "CA1", "From", "+15551230001", "To", "+15557654321"), signature)).isFalse();
    }
}
