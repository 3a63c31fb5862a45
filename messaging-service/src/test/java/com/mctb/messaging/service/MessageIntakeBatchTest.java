package com.mctb.messaging.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.event.MessageRejected;
import com.mctb.contracts.event.SendMessage;
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.support.Database;
import com.mctb.messaging.support.Texts;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.SentMessage;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An intake batch takes its texts' slots together (one reservation for the batch, after every text was decided), and
 * what it decides text by text — the monthly limit above all — still counts the batch's own texts.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class MessageIntakeBatchTest {

    @Inject
    MessageIntake intake;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBatchsTextsTakeTheirNumbersSlotsTogetherAndGoAtTheirRate() throws Exception {
        String a = "+18005590101";
        String b = "+18885590102";
        List<SendMessage> batch = List.of(text("cmd-ib-1", a, "+15556798001"), text("cmd-ib-2", b, "+15556798002"),
                text("cmd-ib-3", a, "+15556798003"), text("cmd-ib-4", b, "+15556798004"),
                text("cmd-ib-5", a, "+15556798005"));
        // The path to Twilio warmed first, until Twilio's answer is recorded: a run's first requests can stall past
        // the read timeout on a loaded box, and texts held up behind them reach the stand-in together.
        QuarkusTransaction.requiringNew().run(() -> intake.recordAll(
                List.of(text("cmd-ib-warm", "+18005590100", "+15556798000")), Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.status("cmd-ib-warm") == MessageStatus.QUEUED);
        long start = System.nanoTime();

        QuarkusTransaction.requiringNew().run(() -> intake.recordAll(batch, Map.of()));

        double aAhead = secondsAhead(a);
        double bAhead = secondsAhead(b);
        double seconds = (System.nanoTime() - start) / 1e9;
        // Toll-free at 4/s: A's row 3 slots on, B's 2, from the batch's reservation.
        assertThat(aAhead).as("A's next free slot").isBetween(0.75 - seconds, 0.75);
        assertThat(bAhead).as("B's next free slot").isBetween(0.5 - seconds, 0.5);
        await().atMost(Duration.ofSeconds(20)).until(() -> sentFrom(a).size() == 3 && sentFrom(b).size() == 2);
        for (String number : List.of(a, b)) {
            List<SentMessage> sent = sentFrom(number);
            for (int i = 1; i < sent.size(); i++) {
                assertThat(sent.get(i).receivedAtEpochNanos() - sent.get(i - 1).receivedAtEpochNanos())
                        .as("%s: between its text %d and %d (250 ms, less how late the earlier one went)", number, i, i + 1)
                        .isGreaterThanOrEqualTo(150_000_000L);
            }
        }
    }

    @Test
    void aLimitedAccountsTextsInOneBatchCountAgainstItsLimit() throws Exception {
        String account = "acct-ib-limited";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into messaging_limit (account_id, monthly_messages) values (?, 2)")) {
            s.setString(1, account);
            s.executeUpdate();
        }
        List<SendMessage> batch = IntStream.rangeClosed(1, 4)
                .mapToObj(i -> Texts.sms("cmd-ib-lim-" + i, account, "+155567902" + i + "0", "text " + i)).toList();

        QuarkusTransaction.requiringNew().run(() -> intake.recordAll(batch, Map.of()));

        assertThat(Database.status("cmd-ib-lim-1")).isNotEqualTo(MessageStatus.REJECTED);
        assertThat(Database.status("cmd-ib-lim-2")).isNotEqualTo(MessageStatus.REJECTED);
        assertThat(Database.message("cmd-ib-lim-3").orElseThrow().rejectReason).isEqualTo(MessageRejected.Reason.LIMIT.name());
        assertThat(Database.message("cmd-ib-lim-4").orElseThrow().rejectReason).isEqualTo(MessageRejected.Reason.LIMIT.name());
    }

    private static SendMessage text(String commandId, String from, String to) {
        return Texts.from(Texts.sms(commandId, "acct-ib", to, "batched " + commandId), from);
    }

    private static List<SentMessage> sentFrom(String number) {
        return TwilioStandInResource.standIn().sentMessages().stream().filter(m -> number.equals(m.from())).toList();
    }

    private double secondsAhead(String number) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select extract(epoch from next_slot - statement_timestamp()) from sending_slot where number = ?")) {
            s.setString(1, number);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getDouble(1);
            }
        }
    }
}
