package com.mctb.settings.rest;

import static io.restassured.RestAssured.given;

import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class AccountAccessTest {

    @Test
    void everyAccountCallNeedsACredentialForThatAccount() {
        CallSettingsResourceTest.createAccount("tenant-a", "Tenant A");

        given().get("/api/accounts/tenant-a").then().statusCode(401);
        given().auth().oauth2("not.a.token").get("/api/accounts/tenant-a").then().statusCode(401);
        TestTokens.as("tenant-b").get("/api/accounts/tenant-a").then().statusCode(403);
        TestTokens.as("tenant-b").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 10))
                .put("/api/accounts/tenant-a/call-settings").then().statusCode(403);
        TestTokens.as("tenant-a").get("/api/accounts/tenant-a").then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).get("/api/accounts/tenant-a").then().statusCode(200);
    }

    @Test
    void healthAndMetricsNeedNoCredential() {
        given().get("/q/health/ready").then().statusCode(200);
    }
}
