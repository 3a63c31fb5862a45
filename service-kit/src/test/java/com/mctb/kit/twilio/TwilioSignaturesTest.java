package com.mctb.kit.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.twilio.standin.TwilioWebhookSigner;
import com.twilio.security.RequestValidator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signature check agrees with the Twilio SDK's RequestValidator, with one HMAC for a matching request. */
class TwilioSignaturesTest {

    static final String TOKEN = "12345";
    static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030",
            "Digits", "1234", "From", "+12349013030", "To", "+18005551212");

    @Test
    void aSignatureTwilioMadeForTheUrlMatchesAsTheSdkSays() {
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        String signature = TwilioWebhookSigner.sign(TOKEN, url, PARAMS);

        assertThat(TwilioSignatures.sign(TOKEN, url, PARAMS)).isEqualTo(signature);
        assertThat(TwilioSignatures.matches(TOKEN, url, PARAMS, signature)).isTrue();
        assertThat(new RequestValidator(TOKEN).validate(url, PARAMS, signature)).isTrue();
    }

    @Test
    void aSignatureMadeWithOrWithoutTheDefaultPortMatchesEitherWayAsInTheSdk() {
        String withPort = "https://mycompany.com:443/twilio/voice/incoming";
        String without = "https://mycompany.com/twilio/voice/incoming";

        assertThat(TwilioSignatures.matches(TOKEN, without, PARAMS, TwilioWebhookSigner.sign(TOKEN, withPort, PARAMS)))
                .isTrue();
        assertThat(TwilioSignatures.matches(TOKEN, withPort, PARAMS, TwilioWebhookSigner.sign(TOKEN, without, PARAMS)))
                .isTrue();
        assertThat(TwilioSignatures.otherPortForm("http://h.example:8080/a?b=c")).isEqualTo("http://h.example/a?b=c");
        assertThat(TwilioSignatures.otherPortForm("http://h.example/a")).isEqualTo("http://h.example:80/a");
    }

    @Test
    void anotherTokenAnotherUrlOtherParametersOrNoSignatureDoNotMatch() {
        String url = "https://hooks.example/twilio/voice/dial-complete";
        String signature = TwilioWebhookSigner.sign(TOKEN, url, PARAMS);

        assertThat(TwilioSignatures.matches("other-token", url, PARAMS, signature)).isFalse();
        assertThat(TwilioSignatures.matches(TOKEN, url + "?x=1", PARAMS, signature)).isFalse();
        assertThat(TwilioSignatures.matches(TOKEN, url, Map.of("CallSid", "CA1"), signature)).isFalse();
        assertThat(TwilioSignatures.matches(TOKEN, url, PARAMS, null)).isFalse();
        assertThat(TwilioSignatures.matches(TOKEN, url, PARAMS, "")).isFalse();
        // The kept Mac is reset between uses: the same request still matches after a failed one.
        assertThat(TwilioSignatures.matches(TOKEN, url, PARAMS, signature)).isTrue();
    }

    @Test
    void theFormIsReadAsTwilioEncodesIt() {
        var form = TwilioSignatureFilter.parseForm("To=%2B15557654321&Body=hi+there&Empty=&Flag".getBytes());

        assertThat(form.getFirst("To")).isEqualTo("+15557654321");
        assertThat(form.getFirst("Body")).isEqualTo("hi there");
        assertThat(form.getFirst("Empty")).isEmpty();
        assertThat(form.getFirst("Flag")).isEmpty();
        assertThat(TwilioSignatureFilter.endpoint("/twilio/voice/dial-complete")).isEqualTo("dial-complete");
    }
}
