package com.mctb.settings.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.settings.testing.Fixtures;
import com.mctb.settings.testing.TwilioStandIn;
import com.mctb.settings.testing.WorkflowServiceStandIn;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(WorkflowServiceStandIn.class)
@WithTestResource(TwilioStandIn.class)
class BusinessHoursResourceTest {

    /** Weekdays 09:00-17:00, Saturday night 22:00-02:00 (a bar's late shift), Sunday 09:00-17:00, closed Christmas. */
    private static final Map<String, Object> HOURS = Map.of(
            "weekly", Map.of(
                    "monday", List.of(interval("09:00", "17:00")),
                    "tuesday", List.of(interval("09:00", "17:00")),
                    "wednesday", List.of(interval("09:00", "17:00")),
                    "thursday", List.of(interval("09:00", "17:00")),
                    "friday", List.of(interval("09:00", "12:00"), interval("13:00", "17:00")),
                    "saturday", List.of(interval("22:00", "02:00")),
                    "sunday", List.of(interval("09:00", "17:00"))),
            "exceptions", List.of(Map.of("date", "2026-12-25", "intervals", List.of(), "label", "Christmas")));

    @Test
    void hoursAreSavedServedAndPublishedInTheAccountsTimeZone() {
        Fixtures.account("hours", "Hours Bar");

        TestTokens.as("hours").contentType(ContentType.JSON).body(HOURS).put("/api/accounts/hours/business-hours")
                .then().statusCode(200)
                .body("timeZone", equalTo("America/New_York"))
                .body("set", equalTo(true))
                .body("weekly.friday.opens", contains("09:00", "13:00"))
                .body("weekly.saturday[0].closes", equalTo("02:00"))
                .body("exceptions[0].label", equalTo("Christmas"));
        TestTokens.as("hours").get("/api/accounts/hours/business-hours").then().statusCode(200)
                .body("weekly.monday[0].opens", equalTo("09:00"));

        BusinessProfileChanged profile = Fixtures.latest(Topics.SETTINGS_BUSINESS, "hours", BusinessProfileChanged.class,
                p -> p.hours() != null);
        assertThat(profile.hours().timeZone()).isEqualTo("America/New_York");
        assertThat(profile.hours().isOpen(Instant.parse("2026-12-07T15:00:00Z"))).isTrue();
        assertThat(profile.hours().isOpen(Instant.parse("2026-12-25T15:00:00Z"))).isFalse();
    }

    @Test
    void springForwardInNewYorkOn20260308() {
        Fixtures.account("spring", "Spring Bar");
        TestTokens.as("spring").contentType(ContentType.JSON).body(HOURS).put("/api/accounts/spring/business-hours")
                .then().statusCode(200);

        // 01:30 EST, still Saturday night's shift; 02:00 never comes that night, so it closes at 03:00 EDT.
        status("spring", "2026-03-08T06:30:00Z")
                .body("open", equalTo(true))
                .body("nextChange", equalTo("2026-03-08T07:00:00Z"))
                .body("nextChangeLocal", equalTo("2026-03-08T03:00-04:00"));
        // 08:30 EDT: opens at 09:00 EDT, which is 13:00Z now (it was 14:00Z the Sunday before).
        status("spring", "2026-03-08T12:30:00Z")
                .body("open", equalTo(false))
                .body("nextChange", equalTo("2026-03-08T13:00:00Z"))
                .body("nextChangeLocal", equalTo("2026-03-08T09:00-04:00"));
        status("spring", "2026-03-01T13:30:00Z").body("open", equalTo(false)).body("nextChange", equalTo("2026-03-01T14:00:00Z"));
    }

    @Test
    void fallBackInNewYorkOn20261101() {
        Fixtures.account("autumn", "Autumn Bar");
        TestTokens.as("autumn").contentType(ContentType.JSON).body(HOURS).put("/api/accounts/autumn/business-hours")
                .then().statusCode(200);

        // Saturday 22:00 EDT = 02:00Z; it closes at the second 02:00 (EST), 07:00Z: five hours of real time.
        status("autumn", "2026-11-01T01:30:00Z").body("open", equalTo(false)).body("nextChange", equalTo("2026-11-01T02:00:00Z"));
        status("autumn", "2026-11-01T05:30:00Z").body("open", equalTo(true)).body("nextChange", equalTo("2026-11-01T07:00:00Z"));
        // The second 01:30 (EST) is still open.
        status("autumn", "2026-11-01T06:30:00Z").body("open", equalTo(true))
                .body("nextChange", equalTo("2026-11-01T07:00:00Z"))
                .body("nextChangeLocal", equalTo("2026-11-01T02:00-05:00"));
        // 07:00 EST: Sunday opens at 09:00 EST = 14:00Z.
        status("autumn", "2026-11-01T12:00:00Z").body("open", equalTo(false)).body("nextChange", equalTo("2026-11-01T14:00:00Z"));
        // An instant with an offset is the same instant.
        status("autumn", "2026-11-01T01:30:00-05:00").body("at", equalTo("2026-11-01T06:30:00Z")).body("open", equalTo(true));
    }

    @Test
    void overnightSplitShiftAndHolidayCases() {
        Fixtures.account("overnight", "Overnight Bar");
        TestTokens.as("overnight").contentType(ContentType.JSON).body(HOURS).put("/api/accounts/overnight/business-hours")
                .then().statusCode(200);

        // Sunday 2026-12-06 00:30 EST: Saturday's shift runs past midnight until 02:00 EST.
        status("overnight", "2026-12-06T05:30:00Z").body("open", equalTo(true)).body("nextChange", equalTo("2026-12-06T07:00:00Z"));
        // Friday 2026-12-04 12:30 EST: lunch, back at 13:00.
        status("overnight", "2026-12-04T17:30:00Z").body("open", equalTo(false)).body("nextChange", equalTo("2026-12-04T18:00:00Z"));
        // Christmas (Friday) closed all day; next opening is Saturday night 22:00 EST.
        status("overnight", "2026-12-25T15:00:00Z").body("open", equalTo(false)).body("nextChange", equalTo("2026-12-27T03:00:00Z"));
    }

    @Test
    void aNewTimeZoneKeepsTheWallClockHours() {
        Fixtures.account("mover", "Mover", "America/New_York");
        TestTokens.as("mover").contentType(ContentType.JSON).body(HOURS).put("/api/accounts/mover/business-hours")
                .then().statusCode(200);
        // Monday 2026-12-07 15:00Z: 10:00 in New York (open), 15:00 in London (open), 20:00 London at 20:00Z (closed).
        status("mover", "2026-12-07T20:00:00Z").body("open", equalTo(true));

        Fixtures.account("mover", "Mover", "Europe/London");

        status("mover", "2026-12-07T20:00:00Z").body("open", equalTo(false)).body("timeZone", equalTo("Europe/London"))
                .body("nextChange", equalTo("2026-12-08T09:00:00Z"));
        assertThat(Fixtures.latest(Topics.SETTINGS_BUSINESS, "mover", BusinessProfileChanged.class,
                p -> p.timeZone().equals("Europe/London")).hours().timeZone()).isEqualTo("Europe/London");
    }

    @Test
    void withoutHoursTheBusinessIsAlwaysOpenAndClearingReturnsToThat() {
        Fixtures.account("allday", "All Day");
        TestTokens.as("allday").get("/api/accounts/allday/business-hours").then().statusCode(200)
                .body("set", equalTo(false)).body("exceptions", empty());
        status("allday", "2026-03-08T06:30:00Z").body("open", equalTo(true)).body("nextChange", nullValue())
                .body("hoursSet", equalTo(false));

        TestTokens.as("allday").contentType(ContentType.JSON).body(Map.of("weekly", Map.of()))
                .put("/api/accounts/allday/business-hours").then().statusCode(200).body("set", equalTo(true));
        status("allday", "2026-03-08T06:30:00Z").body("open", equalTo(false)).body("nextChange", nullValue());

        TestTokens.as("allday").delete("/api/accounts/allday/business-hours").then().statusCode(200)
                .body("set", equalTo(false));
        status("allday", "2026-03-08T06:30:00Z").body("open", equalTo(true));
        BusinessProfileChanged profile = Fixtures.latest(Topics.SETTINGS_BUSINESS, "allday", BusinessProfileChanged.class,
                p -> p.hours() == null && p.version() > 2);
        assertThat(profile.effectiveHours().isOpen(Instant.parse("2026-03-08T06:30:00Z"))).isTrue();
    }

    @Test
    void badHoursAreRefusedNamingEachField() {
        Fixtures.account("badhours", "Bad Hours");

        TestTokens.as("badhours").contentType(ContentType.JSON).body(Map.of(
                        "weekly", Map.of(
                                "funday", List.of(interval("09:00", "17:00")),
                                "monday", List.of(interval("25:00", "17:00")),
                                "tuesday", List.of(interval("09:00", "17:00"), interval("13:00", "21:00")),
                                "wednesday", List.of(interval("10:00", "10:00"))),
                        "exceptions", List.of(
                                Map.of("date", "2026-12-25", "intervals", List.of()),
                                Map.of("date", "2026-12-25", "intervals", List.of()),
                                Map.of("date", "25/12/2026", "intervals", List.of()))))
                .put("/api/accounts/badhours/business-hours")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("weekly.funday", "weekly.monday[0].opens", "weekly.tuesday",
                        "weekly.wednesday[0]", "exceptions[1].date", "exceptions[2].date"));
        TestTokens.as("badhours").get("/api/accounts/badhours/business-hours").then().body("set", equalTo(false));
        TestTokens.as("badhours").queryParam("at", "yesterday").get("/api/accounts/badhours/business-hours/status")
                .then().statusCode(400).body("errors.field", hasItem("at"));
        // A JSON body over 1 MB is refused from its Content-Length, saying why.
        TestTokens.as("badhours").contentType(ContentType.JSON)
                .body("{\"weekly\": {}, \"padding\": \"" + "x".repeat(1_100_000) + "\"}")
                .put("/api/accounts/badhours/business-hours")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("at most 1 MB"));
    }

    private static ValidatableResponse status(String accountId, String at) {
        return TestTokens.as(accountId).queryParam("at", at).get("/api/accounts/" + accountId + "/business-hours/status")
                .then().statusCode(200);
    }

    private static Map<String, String> interval(String opens, String closes) {
        return Map.of("opens", opens, "closes", closes);
    }
}
