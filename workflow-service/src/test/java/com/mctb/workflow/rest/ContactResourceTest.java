package com.mctb.workflow.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class ContactResourceTest {

    @Test
    void aContactIsStoredInE164AndFoundByPhone() {
        String id = TestTokens.as("contacts-a").contentType(ContentType.JSON)
                .body(Map.of("phone", "(555) 123-4567", "firstName", "Dana", "lastName", "Reyes"))
                .post("/api/accounts/contacts-a/contacts")
                .then().statusCode(201)
                .body("phone", equalTo("+15551234567"))
                .body("firstName", equalTo("Dana"))
                .body("callCount", equalTo(0))
                .extract().path("id");

        TestTokens.as("contacts-a").get("/api/accounts/contacts-a/contacts/" + id).then().statusCode(200).body("lastName", equalTo("Reyes"));
        TestTokens.as("contacts-a").queryParam("phone", "+15551234567").get("/api/accounts/contacts-a/contacts")
                .then().statusCode(200).body("", hasSize(1)).body("[0].id", equalTo(id));

        TestTokens.as("contacts-a").contentType(ContentType.JSON).body(Map.of("phone", "+15551234567", "firstName", "Danielle"))
                .put("/api/accounts/contacts-a/contacts/" + id)
                .then().statusCode(200).body("firstName", equalTo("Danielle"));
    }

    @Test
    void contactsAreScopedToTheirAccount() {
        String id = TestTokens.as("contacts-b").contentType(ContentType.JSON).body(Map.of("phone", "+15551230099", "firstName", "Sam"))
                .post("/api/accounts/contacts-b/contacts").then().statusCode(201).extract().path("id");

        TestTokens.as("contacts-other").get("/api/accounts/contacts-other/contacts/" + id).then().statusCode(404);
        TestTokens.as("contacts-other").get("/api/accounts/contacts-other/contacts").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void aSecondContactWithTheSamePhoneIsAConflict() {
        TestTokens.as("contacts-c").contentType(ContentType.JSON).body(Map.of("phone", "+15551230042"))
                .post("/api/accounts/contacts-c/contacts").then().statusCode(201);

        TestTokens.as("contacts-c").contentType(ContentType.JSON).body(Map.of("phone", "+1 555 123 0042"))
                .post("/api/accounts/contacts-c/contacts").then().statusCode(409)
                .body("detail", containsString("already exists"));
    }

    @Test
    void tagsAreReadAddedRemovedAndReplaced() {
        String id = TestTokens.as("contacts-e").contentType(ContentType.JSON)
                .body(Map.of("phone", "+15551230077", "firstName", "Tia", "tags", java.util.List.of("vip", " lead ", "vip")))
                .post("/api/accounts/contacts-e/contacts").then().statusCode(201)
                .body("tags", equalTo(java.util.List.of("vip", "lead")))
                .body("optedOut", equalTo(false))
                .extract().path("id");
        String tags = "/api/accounts/contacts-e/contacts/" + id + "/tags";

        TestTokens.as("contacts-e").contentType(ContentType.JSON).body(Map.of("tag", "1st call")).post(tags)
                .then().statusCode(200).body("", equalTo(java.util.List.of("vip", "lead", "1st call")));
        TestTokens.as("contacts-e").contentType(ContentType.JSON).body(Map.of("tag", "vip")).post(tags)
                .then().statusCode(200).body("", hasSize(3));
        TestTokens.as("contacts-e").delete(tags + "/1st call").then().statusCode(200)
                .body("", equalTo(java.util.List.of("vip", "lead")));
        TestTokens.as("contacts-e").contentType(ContentType.JSON).body(java.util.List.of("b", "a")).put(tags)
                .then().statusCode(200).body("", equalTo(java.util.List.of("b", "a")));
        TestTokens.as("contacts-e").get(tags).then().statusCode(200).body("", equalTo(java.util.List.of("b", "a")));
        TestTokens.as("contacts-e").contentType(ContentType.JSON).body(Map.of("phone", "+15551230077", "firstName", "Tia"))
                .put("/api/accounts/contacts-e/contacts/" + id).then().statusCode(200)
                .body("tags", equalTo(java.util.List.of("b", "a")));

        TestTokens.as("contacts-e").contentType(ContentType.JSON).body(Map.of("tag", " ")).post(tags)
                .then().statusCode(400).body("errors.field", hasItem("tag"));
        TestTokens.as("contacts-e").contentType(ContentType.JSON).body(Map.of("tag", "x".repeat(51))).post(tags)
                .then().statusCode(400).body("errors.field", hasItem("tag"));
        TestTokens.as("contacts-e").contentType(ContentType.JSON).body(java.util.List.of("ok", "")).put(tags)
                .then().statusCode(400);
        TestTokens.as("contacts-other").get("/api/accounts/contacts-other/contacts/" + id + "/tags").then().statusCode(404);
    }

    @Test
    void badInputIsA400NamingTheField() {
        TestTokens.as("contacts-d").contentType(ContentType.JSON).body(Map.of("phone", "call me maybe"))
                .post("/api/accounts/contacts-d/contacts").then().statusCode(400)
                .body("errors.field", hasItem("phone"));
        TestTokens.as("contacts-d").contentType(ContentType.JSON).body(Map.of("firstName", "No Phone"))
                .post("/api/accounts/contacts-d/contacts").then().statusCode(400)
                .body("errors.field", hasItem("phone"));
        TestTokens.as("contacts-d").get("/api/accounts/contacts-d/contacts/not-a-uuid").then().statusCode(404);
    }
}
