package com.mctb.settings.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import com.mctb.settings.testing.TwilioStandIn;
import com.mctb.settings.testing.WorkflowServiceStandIn;
import com.mctb.testkit.KafkaAndPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(WorkflowServiceStandIn.class)
@WithTestResource(TwilioStandIn.class)
class OpenApiTest {

    @Test
    void theDocumentDescribesEveryEndpointAndTheBearerCredential() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/accounts/{accountId}"))
                .body("paths", hasKey("/api/accounts/{accountId}/numbers/{number}/call-settings/greeting"))
                .body("paths", hasKey("/api/accounts/{accountId}/users/{userId}/call-settings"))
                .body("paths", hasKey("/api/accounts/{accountId}/call-settings/effective"))
                .body("paths", hasKey("/api/accounts/{accountId}/business-hours/status"))
                .body("paths", hasKey("/api/accounts/{accountId}/legacy-text-back"))
                .body("paths.'/api/accounts/{accountId}/call-settings/effective'.get.summary", notNullValue())
                .body("components.securitySchemes", notNullValue());
    }

    /** A consent audio that is not usable audio is a 400 at both levels (413 the body limit); a greeting's stay. */
    @Test
    void theConsentAudioUploadsAnswer400Or413AndTheGreetingsStill415Or422() {
        io.restassured.path.json.JsonPath doc = given().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        for (String path : java.util.List.of("/api/accounts/{accountId}/call-settings/consent-audio",
                "/api/accounts/{accountId}/numbers/{number}/call-settings/consent-audio")) {
            java.util.Map<String, Object> responses = doc.getMap("paths.'" + path + "'.put.responses");
            org.assertj.core.api.Assertions.assertThat(responses).as(path)
                    .containsKeys("200", "201", "400", "413").doesNotContainKeys("415", "422");
            org.assertj.core.api.Assertions.assertThat(doc.getString("paths.'" + path + "'.put.responses.'400'.description"))
                    .contains("`file`").contains("neither MP3 nor PCM WAV").contains("truncated").contains("silent")
                    .contains("longer than 3 minutes");
            org.assertj.core.api.Assertions.assertThat(doc.getString("paths.'" + path + "'.put.responses.'413'.description"))
                    .contains("request body limit");
        }
        org.assertj.core.api.Assertions.assertThat(
                doc.getMap("paths.'/api/accounts/{accountId}/call-settings/greeting'.put.responses"))
                .containsKeys("413", "415", "422");
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
