package com.mctb.messaging.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class SegmentsResourceTest {

    @Test
    void plainGsmTextFitsOneSegmentUpTo160Characters() {
        count("Hi Dana, sorry we missed your call.").body("encoding", equalTo("GSM-7"))
                .body("segments", equalTo(1)).body("characters", equalTo(35));
        count("a".repeat(160)).body("encoding", equalTo("GSM-7")).body("segments", equalTo(1));
        count("a".repeat(161)).body("segments", equalTo(2));
        count("a".repeat(306)).body("segments", equalTo(2));
        count("a".repeat(307)).body("segments", equalTo(3));
    }

    @Test
    void extensionTableCharactersTakeTwoSeptets() {
        count("Price: 10€ [promo] {vip} ~ok^ | \\").body("encoding", equalTo("GSM-7")).body("segments", equalTo(1));
        count("€".repeat(80)).body("encoding", equalTo("GSM-7")).body("segments", equalTo(1)).body("characters", equalTo(80));
        count("€".repeat(81)).body("segments", equalTo(2));
    }

    @Test
    void accentsOutsideGsmMakeItUcs2() {
        count("Café à Zürich, Ñoño").body("encoding", equalTo("GSM-7")).body("segments", equalTo(1));
        count("Olá, João! Até amanhã").body("encoding", equalTo("UCS-2")).body("segments", equalTo(1));
        count("á".repeat(70)).body("encoding", equalTo("UCS-2")).body("segments", equalTo(1));
        count("á".repeat(71)).body("segments", equalTo(2));
    }

    @Test
    void emojiAreSurrogatePairsNeverSplit() {
        count("Thanks 👋").body("encoding", equalTo("UCS-2")).body("segments", equalTo(1)).body("characters", equalTo(8));
        count("👋".repeat(35)).body("segments", equalTo(1)).body("characters", equalTo(35));
        count("👋".repeat(36)).body("segments", equalTo(2));
        // 66 units then a pair: the pair does not fit the first segment's 67 and starts the second.
        count("a".repeat(66) + "👋" + "a".repeat(66)).body("segments", equalTo(3));
    }

    @Test
    void aMissingBodyIsABadRequestNamingTheField() {
        TestTokens.as("anyone").contentType("application/json").body(Map.of()).post("/api/messages/segments")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        TestTokens.as("anyone").contentType("application/json").body("{not json").post("/api/messages/segments")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aTokenIsRequired() {
        given().contentType("application/json").body(Map.of("body", "x")).post("/api/messages/segments")
                .then().statusCode(401);
    }

    private static ValidatableResponse count(String body) {
        return TestTokens.as("any-account").contentType("application/json").body(Map.of("body", body))
                .post("/api/messages/segments").then().statusCode(200);
    }
}
