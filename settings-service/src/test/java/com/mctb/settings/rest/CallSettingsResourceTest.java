package com.mctb.settings.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class CallSettingsResourceTest {

    @Test
    void savedSettingsAreServedAndPublishedAsEachNumbersEffectiveSettings() {
        createAccount("glow", "Glow Aesthetics");
        TestTokens.as("glow").put("/api/accounts/glow/numbers/+15557654321").then().statusCode(200)
                .body("isDefault", equalTo(true));

        TestTokens.as("glow").contentType(ContentType.JSON)
                .body(Map.of("timeoutSeconds", 15, "forwardTo", List.of("+15550001111")))
                .put("/api/accounts/glow/call-settings")
                .then().statusCode(200)
                .body("timeoutSeconds", equalTo(15))
                .body("forwardTo", contains("+15550001111"))
                .body("warnings", empty());
        TestTokens.as("glow").get("/api/accounts/glow/call-settings").then().statusCode(200).body("timeoutSeconds", equalTo(15));

        List<ConsumerRecord<String, String>> records = TopicProbe.readUntil(Topics.SETTINGS_CALL,
                rs -> rs.stream().anyMatch(r -> r.key().equals("glow/+15557654321")
                        && EventJson.decode(r.value(), CallSettingsChanged.class).timeoutSeconds() == 15),
                Duration.ofSeconds(20), Duration.ofMillis(200));
        CallSettingsChanged latest = records.stream().filter(r -> r.key().equals("glow/+15557654321"))
                .map(r -> EventJson.decode(r.value(), CallSettingsChanged.class)).reduce((a, b) -> b).orElseThrow();
        assertThat(latest.accountId()).isEqualTo("glow");
        assertThat(latest.number()).isEqualTo("+15557654321");
        assertThat(latest.businessName()).isEqualTo("Glow Aesthetics");
        assertThat(latest.forwardTo()).containsExactly("+15550001111");

        List<ConsumerRecord<String, String>> business = TopicProbe.readUntil(Topics.SETTINGS_BUSINESS,
                rs -> rs.stream().anyMatch(r -> r.key().equals("glow")), Duration.ofSeconds(20), Duration.ofMillis(200));
        BusinessProfileChanged profile = business.stream().filter(r -> r.key().equals("glow"))
                .map(r -> EventJson.decode(r.value(), BusinessProfileChanged.class)).reduce((a, b) -> b).orElseThrow();
        assertThat(profile.businessName()).isEqualTo("Glow Aesthetics");
        assertThat(profile.numbers()).containsExactly("+15557654321");
        assertThat(profile.defaultNumber()).isEqualTo("+15557654321");
    }

    @Test
    void aTimeoutAboveTwentyIsAcceptedWithAWarning() {
        createAccount("slowring", "Slow Ring Salon");

        TestTokens.as("slowring").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 30))
                .put("/api/accounts/slowring/call-settings")
                .then().statusCode(200)
                .body("timeoutSeconds", equalTo(30))
                .body("warnings", hasSize(1))
                .body("warnings[0]", containsString("10–20 seconds is recommended"));
    }

    @Test
    void aNinetySecondTimeoutIsRefusedNamingTheField() {
        createAccount("ninety", "Ninety");

        TestTokens.as("ninety").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 90))
                .put("/api/accounts/ninety/call-settings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("timeoutSeconds"))
                .body("detail", containsString("between 5 and 60 seconds"));
    }

    @Test
    void badInputIsA400WithTheReason() {
        createAccount("badinput", "Bad Input");

        TestTokens.as("badinput").contentType(ContentType.JSON).body("{\"timeoutSeconds\": \"soon\"}")
                .put("/api/accounts/badinput/call-settings")
                .then().statusCode(400).body("detail", containsString("timeoutSeconds"));
        TestTokens.as("badinput").contentType(ContentType.JSON).body("{}")
                .put("/api/accounts/badinput/call-settings")
                .then().statusCode(400).body("errors.field", hasItem("timeoutSeconds"));
        TestTokens.as("badinput").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 15, "forwardTo", List.of("555-1234")))
                .put("/api/accounts/badinput/call-settings")
                .then().statusCode(400).body("errors.field", hasItem("forwardTo[0]"));
        TestTokens.as("badinput").contentType(ContentType.JSON).body("not json")
                .put("/api/accounts/badinput/call-settings")
                .then().statusCode(400);
        TestTokens.as("badinput").contentType(ContentType.JSON).body(Map.of("businessName", "X", "timeZone", "Mars/Olympus"))
                .put("/api/accounts/badinput")
                .then().statusCode(400).body("errors.field", hasItem("timeZone"));
        TestTokens.as("badinput").put("/api/accounts/badinput/numbers/hello").then().statusCode(400)
                .body("detail", containsString("E.164"));
    }

    @Test
    void anUnknownAccountIsA404() {
        TestTokens.as("nobody").get("/api/accounts/nobody/call-settings").then().statusCode(404);
        TestTokens.as("nobody").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 15))
                .put("/api/accounts/nobody/call-settings").then().statusCode(404);
    }

    @Test
    void aNumberBelongsToOneAccount() {
        createAccount("first", "First");
        createAccount("second", "Second");
        TestTokens.as("first").put("/api/accounts/first/numbers/+15558880001").then().statusCode(200);

        TestTokens.as("second").put("/api/accounts/second/numbers/+15558880001").then().statusCode(409)
                .body("detail", containsString("another account"));
    }

    static void createAccount(String id, String name) {
        TestTokens.as(id).contentType(ContentType.JSON).body(Map.of("businessName", name, "timeZone", "America/New_York"))
                .put("/api/accounts/" + id)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }
}
