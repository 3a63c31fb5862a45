package com.mctb.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.MessageAccepted;
import com.mctb.messaging.support.Texts;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.ApiRequest;
import com.mctb.twilio.standin.TwilioApiDescription;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every request our Twilio SDK sent to the stand-in's Messages resource during this test run, checked against
 * Twilio's own OpenAPI description (../shared/twilio/twilio_api_v2010.json) by the stand-in's one checker,
 * {@link TwilioApiDescription}: only parameters the operation defines, the required ones present, values of the
 * declared type, format and enum, and the answer as the description has it. Runs after the other test classes, so it
 * sees their traffic too (plus its own: an SMS, a WhatsApp fallback and a read after an unanswered request).
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
@Order(Integer.MAX_VALUE)
class TwilioOpenApiConformanceTest {

    private static TwilioApiDescription twilio;

    @BeforeAll
    static void loadSpec() {
        twilio = TwilioApiDescription.load();
    }

    @Test
    void everyMessagesRequestUsesOnlyWhatTwiliosDescriptionDefines() {
        TwilioStandInResource.standIn().reset();
        Texts.send(Texts.sms("cmd-oas-1", "acct-oas", "+15557890001", "Hello from the conformance test"));
        Texts.send(Texts.whatsapp("cmd-oas-2", "acct-oas", "+15557890002", "WhatsApp, or SMS", true));
        TwilioStandInResource.standIn().stallNext(1, Duration.ofMillis(1_500), true);
        Texts.send(Texts.sms("cmd-oas-3", "acct-oas", "+15557890003", "answer lost, then read"));
        for (String id : List.of("cmd-oas-1", "cmd-oas-2", "cmd-oas-3")) {
            Texts.event(MessageAccepted.class, id);
        }

        List<ApiRequest> requests = TwilioStandInResource.standIn().apiRequests().stream()
                .filter(r -> r.path().matches("/2010-04-01/Accounts/[^/]+/Messages\\.json")).toList();
        assertThat(requests).extracting(ApiRequest::method).contains("POST", "GET");

        List<String> violations = new ArrayList<>();
        for (ApiRequest request : requests) {
            violations.addAll(check(request));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckFindsWhatTwilioWouldRefuse() {
        ApiRequest bad = new ApiRequest("POST", "/2010-04-01/Accounts/ACnotasid/Messages.json", Map.of(
                "From", List.of("+15557654321"), "Body", List.of("x"), "Colour", List.of("blue"),
                "ContentRetention", List.of("forever"), "StatusCallback", List.of("not a url"),
                "ValidityPeriod", List.of("soon")), 201);

        assertThat(check(bad)).anyMatch(v -> v.contains("AccountSid"))
                .anyMatch(v -> v.contains("'To' is required"))
                .anyMatch(v -> v.contains("'Colour' is not a parameter"))
                .anyMatch(v -> v.contains("ContentRetention"))
                .anyMatch(v -> v.contains("StatusCallback"))
                .anyMatch(v -> v.contains("ValidityPeriod"));
    }

    private static List<String> check(ApiRequest request) {
        return twilio.check(request);
    }
}
