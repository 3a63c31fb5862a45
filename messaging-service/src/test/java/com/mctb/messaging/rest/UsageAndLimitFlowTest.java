package com.mctb.messaging.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.MessageRejected;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.event.UsageLimitReached;
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.support.Database;
import com.mctb.messaging.support.Texts;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class UsageAndLimitFlowTest {

    private static io.restassured.specification.RequestSpecification operator() {
        return io.restassured.RestAssured.given().auth().oauth2(TestTokens.admin());
    }

    @BeforeEach
    void reset() {
        TwilioStandInResource.standIn().reset();
    }

    @Test
    void usageIsCountedInTheAccountsMonthByChannelAndCause() {
        String account = "acct-kiritimati";
        Texts.profile(account, "Line Islands Spa", "Pacific/Kiritimati", "+15557650010");
        Database.awaitNumberOf(account, "+15557650010");
        SendMessage legacy = Texts.sms("cmd-use-2", account, "+15554560002", "é".repeat(10) + " long " + "x".repeat(150));
        Texts.send(Texts.sms("cmd-use-1", account, "+15554560001", "short"));
        Texts.send(new SendMessage(legacy.commandId(), account, legacy.channel(), legacy.from(), legacy.to(), legacy.body(),
                MessageCause.LEGACY_TOGGLE, null, null, Instant.now(), null));
        Texts.event(MessageAccepted.class, "cmd-use-1");
        assertThat(Texts.event(MessageAccepted.class, "cmd-use-2").segments()).isEqualTo(2);

        String month = YearMonth.now(ZoneId.of("Pacific/Kiritimati")).toString();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> TestTokens.as(account)
                .get("/api/accounts/" + account + "/usage").then().statusCode(200)
                .body("month", equalTo(month))
                .body("messages", equalTo(2)).body("segments", equalTo(3))
                .body("byCause.WORKFLOW.messages", equalTo(1)).body("byCause.LEGACY_TOGGLE.segments", equalTo(2))
                .body("byChannel.SMS.messages", equalTo(2)));
        TestTokens.as(account).queryParam("month", "1999-01").get("/api/accounts/" + account + "/usage").then()
                .statusCode(200).body("messages", equalTo(0));
    }

    @Test
    void pastTheMonthlyLimitTextsAreRejectedAndTheLimitIsAnnouncedOnce() {
        String account = "acct-limited";
        operator().contentType("application/json").body(Map.of("monthlyMessages", 2))
                .put("/api/accounts/" + account + "/messaging-limit").then().statusCode(200)
                .body("monthlyMessages", equalTo(2)).body("remaining", equalTo(2));

        for (int i = 1; i <= 4; i++) {
            Texts.send(Texts.sms("cmd-lim-" + i, account, "+155545601" + i + "0", "text " + i));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> java.util.stream.IntStream.rangeClosed(1, 4)
                .mapToObj(i -> Database.status("cmd-lim-" + i))
                .allMatch(st -> st == MessageStatus.QUEUED || st == MessageStatus.REJECTED));
        List<MessageRejected> rejected = Texts.events(MessageRejected.class, e -> e.accountId().equals(account));
        assertThat(rejected).hasSize(2).allSatisfy(r -> assertThat(r.reason()).isEqualTo(MessageRejected.Reason.LIMIT));
        assertThat(Texts.events(MessageAccepted.class, e -> e.accountId().equals(account))).hasSize(2);
        assertThat(TwilioStandInResource.standIn().sentMessages()).hasSize(2);
        TestTokens.as(account).get("/api/accounts/" + account + "/messaging-limit").then().statusCode(200)
                .body("usedThisMonth", equalTo(2)).body("remaining", equalTo(0));

        Texts.send(Texts.sms("cmd-lim-5", account, "+15554560150", "one more"));
        assertThat(Texts.event(MessageRejected.class, "cmd-lim-5").reason()).isEqualTo(MessageRejected.Reason.LIMIT);
        assertThat(Texts.events(UsageLimitReached.class, e -> e.accountId().equals(account))).singleElement()
                .satisfies(e -> assertThat(e.limit()).isEqualTo(2));

        Map<String, Object> unlimited = new HashMap<>();
        unlimited.put("monthlyMessages", null);
        operator().contentType("application/json").body(unlimited)
                .put("/api/accounts/" + account + "/messaging-limit").then().statusCode(200)
                .body("monthlyMessages", nullValue());
        Texts.send(Texts.sms("cmd-lim-6", account, "+15554560160", "unlimited now"));
        Texts.event(MessageAccepted.class, "cmd-lim-6");
    }

    @Test
    void aTenantCannotLiftOrSetItsOwnLimitAnOperatorCan() {
        String account = "acct-tenant";
        operator().contentType("application/json").body(Map.of("monthlyMessages", 5))
                .put("/api/accounts/" + account + "/messaging-limit").then().statusCode(200)
                .body("monthlyMessages", equalTo(5));
        Map<String, Object> unlimited = new HashMap<>();
        unlimited.put("monthlyMessages", null);

        TestTokens.as(account).contentType("application/json").body(unlimited)
                .put("/api/accounts/" + account + "/messaging-limit").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("only an operator may change it"));
        TestTokens.as(account).contentType("application/json").body(Map.of("monthlyMessages", 1_000_000))
                .put("/api/accounts/" + account + "/messaging-limit").then().statusCode(403);

        // Unchanged, and the tenant still reads it (workflow-service asks with a team member's token).
        TestTokens.as(account).get("/api/accounts/" + account + "/messaging-limit").then().statusCode(200)
                .body("monthlyMessages", equalTo(5));
        operator().contentType("application/json").body(unlimited)
                .put("/api/accounts/" + account + "/messaging-limit").then().statusCode(200)
                .body("monthlyMessages", nullValue());
    }

    @Test
    void badLimitsAndOtherAccountsAreRefused() {
        operator().contentType("application/json").body(Map.of("monthlyMessages", -1))
                .put("/api/accounts/acct-x/messaging-limit").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("monthlyMessages"));
        TestTokens.as("acct-y").get("/api/accounts/acct-x/messaging-limit").then().statusCode(403);
        TestTokens.as("acct-x").queryParam("month", "2026-13").get("/api/accounts/acct-x/usage").then()
                .statusCode(400).contentType("application/problem+json");
    }
}
