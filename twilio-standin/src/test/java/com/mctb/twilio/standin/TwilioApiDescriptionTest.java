package com.mctb.twilio.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker of the stand-in's traffic finds what Twilio's OpenAPI description does not allow. */
class TwilioApiDescriptionTest {

    private static final String PLATFORM = "AC" + "0".repeat(31) + "1";
    private static final TwilioApiDescription TWILIO = TwilioApiDescription.load();

    @Test
    void theCheckerFindsWhatTwilioWouldNotSendOrAnswer() {
        ApiRequest badRequest = new ApiRequest("POST", "/2010-04-01/Accounts/ACnotasid/IncomingPhoneNumbers.json",
                Map.of("PhoneNumber", List.of("not-a-number"), "VoiceUrl", List.of("not a url"), "Colour", List.of("blue")), 201,
                "{\"sid\":\"PNx\",\"voice_url\":3,\"mood\":\"happy\",\"date_created\":\"yesterday\"}");

        assertThat(TWILIO.check(badRequest))
                .anyMatch(v -> v.contains("AccountSid='ACnotasid'"))
                .anyMatch(v -> v.contains("PhoneNumber='not-a-number'"))
                .anyMatch(v -> v.contains("VoiceUrl='not a url'"))
                .anyMatch(v -> v.contains("'Colour' is not a parameter"))
                .anyMatch(v -> v.contains("sid='PNx'"))
                .anyMatch(v -> v.contains("voice_url=3 is not a string"))
                .anyMatch(v -> v.contains("mood, which the description does not define"))
                .anyMatch(v -> v.contains("not an RFC 2822 date"));
        assertThat(TWILIO.check(new ApiRequest("GET", "/2010-04-01/Accounts/" + PLATFORM + "/Nope.json", Map.of(), 200)))
                .singleElement().asString().contains("no such path");
        assertThat(TWILIO.template("/2010-04-01/Accounts/" + PLATFORM + "/IncomingPhoneNumbers/Local.json"))
                .isEqualTo("/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/Local.json");
    }
}
