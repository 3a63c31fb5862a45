package com.mctb.settings.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.settings.testing.Fixtures;
import com.mctb.settings.testing.TwilioStandIn;
import com.mctb.settings.testing.WorkflowServiceStandIn;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(WorkflowServiceStandIn.class)
@WithTestResource(TwilioStandIn.class)
class UserResourceTest {

    @Test
    void usersAreAddedRenamedListedAndAssignedNumbers() {
        Fixtures.account("team", "Team Salon");

        TestTokens.as("team").contentType(ContentType.JSON).body(Map.of("name", "Dana Reyes"))
                .put("/api/accounts/team/users/dana").then().statusCode(201)
                .body("id", equalTo("dana")).body("name", equalTo("Dana Reyes")).body("numbers", empty());
        TestTokens.as("team").contentType(ContentType.JSON).body(Map.of("name", "Dana R."))
                .put("/api/accounts/team/users/dana").then().statusCode(200).body("name", equalTo("Dana R."));
        Fixtures.user("team", "lee", "Lee");
        Fixtures.number("team", "+15552220001", "dana");
        Fixtures.number("team", "+15552220002", "dana");

        TestTokens.as("team").get("/api/accounts/team/users").then().statusCode(200)
                .body("id", contains("dana", "lee"))
                .body("find { it.id == 'dana' }.numbers", containsInAnyOrder("+15552220001", "+15552220002"));
        TestTokens.as("team").get("/api/accounts/team/users/dana").then().statusCode(200)
                .body("numbers", containsInAnyOrder("+15552220001", "+15552220002"));
        TestTokens.as("team").get("/api/accounts/team/numbers/+15552220001").then().statusCode(200)
                .body("assignedUserId", equalTo("dana"));

        // A PUT of the number without assignedUserId unassigns it.
        TestTokens.as("team").put("/api/accounts/team/numbers/+15552220002").then().statusCode(200)
                .body("assignedUserId", nullValue());
        TestTokens.as("team").get("/api/accounts/team/users/dana").then().statusCode(200)
                .body("numbers", contains("+15552220001"));
    }

    @Test
    void aUsersMobileAndNotificationPreferencesAreSavedAndPublishedWithTheNumbersTheyAreAssigned() {
        Fixtures.account("notify", "Notify Nails");
        TestTokens.as("notify").contentType(ContentType.JSON)
                .body(Map.of("name", "Ava", "mobile", "(555) 000-9999",
                        "notifications", Map.of("voicemail", false)))
                .put("/api/accounts/notify/users/ava").then().statusCode(201)
                .body("mobile", equalTo("+15550009999"))
                .body("notifications.missedCall", equalTo(true))
                .body("notifications.voicemail", equalTo(false))
                .body("notifications.reply", equalTo(true));
        // A rename alone keeps the mobile and the preferences.
        TestTokens.as("notify").contentType(ContentType.JSON).body(Map.of("name", "Ava B."))
                .put("/api/accounts/notify/users/ava").then().statusCode(200)
                .body("mobile", equalTo("+15550009999")).body("notifications.voicemail", equalTo(false));
        TestTokens.as("notify").contentType(ContentType.JSON).body(Map.of("name", "Ava", "mobile", "call me"))
                .put("/api/accounts/notify/users/ava").then().statusCode(400)
                .body("errors[0].field", equalTo("mobile"));
        Fixtures.number("notify", "+15552240011", "ava");

        com.mctb.contracts.event.BusinessProfileChanged profile = Fixtures.latest(Topics.SETTINGS_BUSINESS, "notify",
                com.mctb.contracts.event.BusinessProfileChanged.class,
                p -> p.team() != null && p.team().assignedUsers().containsKey("+15552240011"));
        assertThat(profile.team().assignedUsers()).containsEntry("+15552240011", "ava");
        assertThat(profile.team().users()).singleElement().satisfies(u -> {
            assertThat(u.mobile()).isEqualTo("+15550009999");
            assertThat(u.name()).isEqualTo("Ava B.");
            assertThat(u.missedCall()).isTrue();
            assertThat(u.voicemail()).isFalse();
            assertThat(u.reply()).isTrue();
        });

        TestTokens.as("notify").contentType(ContentType.JSON).body(Map.of("name", "Ava", "mobile", ""))
                .put("/api/accounts/notify/users/ava").then().statusCode(200).body("mobile", nullValue());
    }

    @Test
    void removingAUserFallsTheirNumbersBackToTheAccount() {
        Fixtures.account("leaver", "Leaver");
        Fixtures.user("leaver", "kim", "Kim");
        Fixtures.number("leaver", "+15552230001", "kim");
        Fixtures.callSettings("leaver", "call-settings", Map.of("timeoutSeconds", 18));
        Fixtures.callSettings("leaver", "users/kim/call-settings", Map.of("timeoutSeconds", 12));
        assertThat(Fixtures.latest(Topics.SETTINGS_CALL, "leaver/+15552230001", CallSettingsChanged.class,
                s -> s.timeoutSeconds() == 12).timeoutSeconds()).isEqualTo(12);

        TestTokens.as("leaver").delete("/api/accounts/leaver/users/kim").then().statusCode(204);

        TestTokens.as("leaver").get("/api/accounts/leaver/users/kim").then().statusCode(404);
        TestTokens.as("leaver").get("/api/accounts/leaver/numbers/+15552230001").then().statusCode(200)
                .body("assignedUserId", nullValue());
        assertThat(Fixtures.latest(Topics.SETTINGS_CALL, "leaver/+15552230001", CallSettingsChanged.class,
                s -> s.timeoutSeconds() == 18).timeoutSeconds()).isEqualTo(18);
        // Added again, they start from nothing.
        Fixtures.user("leaver", "kim", "Kim");
        TestTokens.as("leaver").get("/api/accounts/leaver/users/kim/call-settings").then().statusCode(200)
                .body("timeoutSeconds", nullValue());
    }

    @Test
    void badUsersAndUnknownAssignmentsAreRefused() {
        Fixtures.account("badusers", "Bad Users");

        TestTokens.as("badusers").contentType(ContentType.JSON).body(Map.of("name", " "))
                .put("/api/accounts/badusers/users/dana").then().statusCode(400).body("errors.field", hasItem("name"));
        TestTokens.as("badusers").contentType(ContentType.JSON).body(Map.of("name", "Dana"))
                .put("/api/accounts/badusers/users/no spaces!").then().statusCode(400);
        Fixtures.number("badusers", "+15552240021");
        TestTokens.as("badusers").contentType(ContentType.JSON).body(Map.of("assignedUserId", "ghost"))
                .put("/api/accounts/badusers/numbers/+15552240021").then().statusCode(400)
                .body("errors.field", hasItem("assignedUserId"));
        Fixtures.heldAtTwilio("badusers", "+15552240022");
        TestTokens.as("badusers").contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", "+15552240022", "assignedUserId", "ghost"))
                .post("/api/accounts/badusers/numbers").then().statusCode(400)
                .body("errors.field", hasItem("assignedUserId"));
        TestTokens.as("badusers").get("/api/accounts/badusers/users/ghost").then().statusCode(404);
        TestTokens.as("badusers").delete("/api/accounts/badusers/users/ghost").then().statusCode(404);
    }

    @Test
    void aUserOfAnotherAccountCannotBeAssigned() {
        Fixtures.account("owner-a", "Owner A");
        Fixtures.account("owner-b", "Owner B");
        Fixtures.user("owner-a", "alex", "Alex");

        Fixtures.number("owner-b", "+15552250001");
        TestTokens.as("owner-b").contentType(ContentType.JSON).body(Map.of("assignedUserId", "alex"))
                .put("/api/accounts/owner-b/numbers/+15552250001").then().statusCode(400);
        TestTokens.as("owner-b").get("/api/accounts/owner-b/users/alex").then().statusCode(404);
        TestTokens.as("owner-b").get("/api/accounts/owner-b/users/alex/call-settings").then().statusCode(404);
    }
}
