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

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
