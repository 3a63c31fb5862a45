package com.mctb.workflow.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.SendMessage;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.workflow.support.Flows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** Waits are durable timers in PostgreSQL, fired once however many claimers race for them. */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class DurableWaitFlowTest {

    private static final Logger LOG = Logger.getLogger(DurableWaitFlowTest.class);

    @Inject
    DueRuns dueRuns;

    @Inject
    EntityManager em;

    @Test
    void aWaitFiresWhenItIsDue() {
        Flows.profile("wait-a", "Patient Vets", "+15557659101");
        Flows.activeWorkflow("wait-a", """
                {"name": "Later", "steps": [{"id": "pause", "type": "wait", "duration": "2s"},
                                            {"id": "text", "type": "send_sms", "body": "Still need us?"}]}""");
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        CallMissed call = Flows.send(Flows.missed("wait-a", "+15551239101", "+15557659101", at));

        JsonPath waiting = Flows.journeyWith("wait-a", call.callSid(), "waiting");
        assertThat(waiting.getString("answer")).startsWith("Not texted yet: 'Later' waits until " + at.plusSeconds(2));
        assertThat(waiting.getList("workflows.status")).containsExactly("waiting");
        SendMessage text = Flows.commandsTo("wait-a", "+15551239101", 1, Duration.ofSeconds(20)).get(0);
        assertThat(text.body()).isEqualTo("Still need us?");
        assertThat(text.requestedAt()).isAfterOrEqualTo(at.plusSeconds(2));
        assertThat(Flows.journeyWith("wait-a", call.callSid(), "run_finished").getList("entries.kind"))
                .containsSubsequence("waiting", "resumed", "command_sent", "run_finished");
    }

    /** A run stored as waiting by a process that stopped, due an hour ago: the service fires it when it runs again. */
    @Test
    void aRunLeftWaitingByAStoppedServiceFiresWhenTheServiceRuns() {
        Flows.profile("wait-b", "Patient Vets", "+15557659102");
        String workflow = Flows.activeWorkflow("wait-b", """
                {"name": "Next day", "steps": [{"id": "tomorrow", "type": "wait", "duration": "1d"},
                                               {"id": "text", "type": "send_sms", "body": "Hi {{contact.first_name | default: \\"there\\"}}, we're back"}]}""");
        String callSid = Flows.newCallSid();
        Instant calledAt = Instant.now().minus(Duration.ofDays(1)).minus(Duration.ofHours(1));

        leftWaiting("wait-b", workflow, 1, "+15551239102", "Ana", callSid, calledAt, calledAt.plus(Duration.ofDays(1)), 1, "tomorrow");

        assertThat(Flows.commandsTo("wait-b", "+15551239102", 1, Duration.ofSeconds(20))).singleElement()
                .satisfies(text -> {
                    assertThat(text.body()).isEqualTo("Hi Ana, we're back");
                    assertThat(text.callSid()).isEqualTo(callSid);
                });
        JsonPath journey = Flows.journeyWith("wait-b", callSid, "run_finished");
        assertThat(journey.getList("entries.detail", String.class)).anySatisfy(d -> assertThat(d).contains("1 hour").contains("late"));
        assertThat(journey.getList("workflows.outcome")).containsExactly("texted");
    }

    /**
     * Two replicas (here four claimers, each with its own transactions and connections, beside this instance's own
     * poller) race for 1,000 due runs: SKIP LOCKED lets each take only runs nobody else holds, so each run fires
     * exactly once and sends exactly one command.
     */
    @Test
    void claimersRacingOnAThousandDueRunsFireEachExactlyOnce() throws Exception {
        Flows.profile("race", "Race Clinic", "+15557659103");
        String workflow = Flows.activeWorkflow("race", """
                {"name": "Race", "steps": [{"id": "w", "type": "wait", "duration": "1h"},
                                           {"id": "text", "type": "send_sms", "body": "Race {{contact.phone}}"}]}""");
        int runs = 1_000;
        int claimers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> fired = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
            fired.add(pool.submit(() -> {
                go.await();
                int mine = 0;
                int idle = 0;
                while (idle < 3) {
                    int n = dueRuns.fireDue(25);
                    mine += n;
                    idle = n == 0 ? idle + 1 : 0;
                }
                return mine;
            }));
        }
        long start = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into contact (id, account_id, phone, call_count, created_at, updated_at) "
                    + "select gen_random_uuid(), 'race', '+1555700' || lpad(i::text, 4, '0'), 1, now(), now() "
                    + "from generate_series(0, " + (runs - 1) + ") i").executeUpdate();
            em.createNativeQuery("insert into workflow_run (id, account_id, workflow_id, workflow_version, contact_id, "
                    + "call_sid, status, pointer, due_at, wait_kind, wait_step, called_number, missed_at, created_at, "
                    + "updated_at) select gen_random_uuid(), 'race', ?1, 1, c.id, 'CArace' || c.phone, 'WAITING', 1, "
                    + "now() - interval '1 second', 'DURATION', 'w', '+15557659103', now() - interval '1 hour', now(), now() "
                    + "from contact c where c.account_id = 'race'").setParameter(1, workflow).executeUpdate();
        });
        go.countDown();
        List<Integer> byClaimer = new ArrayList<>();
        for (Future<Integer> f : fired) {
            byClaimer.add(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from workflow_run where "
                + "account_id = 'race' and status = 'FINISHED'") == runs);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(count("select count(*) from (select run_id from journey_entry where account_id = 'race' "
                + "and kind = 'RESUMED' group by run_id having count(*) <> 1) twice")).isZero();
        assertThat(count("select count(distinct run_id) from journey_entry where account_id = 'race' and kind = 'RESUMED'"))
                .isEqualTo(runs);
        assertThat(count("select count(*) from workflow_run where account_id = 'race' and texts_sent <> 1")).isZero();
        List<SendMessage> commands = Flows.commandsOf("race", runs, Duration.ofSeconds(60));
        assertThat(commands).hasSize(runs);
        assertThat(commands.stream().map(SendMessage::commandId).distinct()).hasSize(runs);
        assertThat(commands.stream().map(SendMessage::to).collect(Collectors.toSet())).hasSize(runs);
        int byThisTest = byClaimer.stream().mapToInt(Integer::intValue).sum();
        assertThat(byThisTest).isLessThanOrEqualTo(runs);
        assertThat(byClaimer.stream().filter(n -> n > 0).count() + (byThisTest < runs ? 1 : 0))
                .as("the runs were shared between claimers: %s, poller %d", byClaimer, runs - byThisTest)
                .isGreaterThanOrEqualTo(2);
        LOG.infof("MEASURED: %d due runs fired exactly once by %d claimers %s and the poller (%d) in %d ms",
                runs, claimers, byClaimer, runs - byThisTest, elapsedMs);
    }

    @Test
    void publishingANewVersionDoesNotDisturbARunInFlight() {
        Flows.profile("wait-v", "Versioned", "+15557659104");
        String v1 = """
                {"name": "Versioned", "steps": [{"id": "w", "type": "wait", "duration": "3s"},
                                                {"id": "text", "type": "send_sms", "body": "BODY"}]}""";
        String workflow = Flows.activeWorkflow("wait-v", v1.replace("BODY", "version one"));
        CallMissed early = Flows.send(Flows.missed("wait-v", "+15551239104", "+15557659104", Instant.now()));
        Flows.journeyWith("wait-v", early.callSid(), "waiting");

        TestTokens.as("wait-v").contentType(ContentType.JSON).body(v1.replace("BODY", "version two")
                        .replace("\"w\", \"type\": \"wait\"", "\"w2\", \"type\": \"wait\""))
                .put("/api/accounts/wait-v/workflows/" + workflow).then().statusCode(200);
        CallMissed late = Flows.send(Flows.missed("wait-v", "+15551239105", "+15557659104", Instant.now()));

        assertThat(Flows.commandsTo("wait-v", "+15551239104", 1, Duration.ofSeconds(20))).extracting(SendMessage::body)
                .containsExactly("version one");
        assertThat(Flows.commandsTo("wait-v", "+15551239105", 1, Duration.ofSeconds(20))).extracting(SendMessage::body)
                .containsExactly("version two");
        assertThat(Flows.journey("wait-v", early.callSid()).getList("workflows.version")).containsExactly(1);
        assertThat(Flows.journey("wait-v", late.callSid()).getList("workflows.version")).containsExactly(2);
    }

    @Test
    /** Re-entry lets a redial start its own run; the repeat window still keeps the caller from a second text. */
    void aDefinitionMayAllowReEntryAndTheRepeatWindowStillHoldsTheSecondText() {
        Flows.profile("wait-r", "Re-entry", "+15557659105");
        Flows.activeWorkflow("wait-r", """
                {"name": "Every call", "allowReEntry": true,
                 "steps": [{"id": "w", "type": "wait", "duration": "2s"}, {"id": "text", "type": "send_sms", "body": "Hi"}]}""");
        Instant now = Instant.now();

        CallMissed one = Flows.send(Flows.missed("wait-r", "+15551239106", "+15557659105", now));
        CallMissed two = Flows.send(Flows.missed("wait-r", "+15551239106", "+15557659105", now.plusSeconds(1)));

        JsonPath second = Flows.journeyWith("wait-r", two.callSid(), "run_finished");
        assertThat(second.getList("entries.kind")).doesNotContain("re_entry_blocked").contains("workflow_entered",
                "repeat_window");
        List<SendMessage> texts = Flows.commandsTo("wait-r", "+15551239106", 1, Duration.ofSeconds(5));
        assertThat(texts).extracting(SendMessage::callSid).containsExactly(one.callSid());
    }

    /** The legacy toggle went on while a run of a (since deactivated) workflow waited: the run ends without a text. */
    @Test
    void aRunStillWaitingWhenTheLegacyToggleGoesOnEndsWithoutTexting() {
        Flows.profile("wait-l", "Toggled", "+15557659107");
        String workflow = Flows.activeWorkflow("wait-l", """
                {"name": "Slow", "steps": [{"id": "w", "type": "wait", "duration": "3s"},
                                           {"id": "text", "type": "send_sms", "body": "late text"}]}""");
        CallMissed call = Flows.send(Flows.missed("wait-l", "+15551239109", "+15557659107", Instant.now()));
        Flows.journeyWith("wait-l", call.callSid(), "waiting");

        TestTokens.as("wait-l").post("/api/accounts/wait-l/workflows/" + workflow + "/deactivate").then().statusCode(200);
        Flows.profile("wait-l", "Toggled", "America/New_York", List.of("+15557659107"), null,
                new com.mctb.contracts.event.BusinessProfileChanged.LegacyTextBack(true, "Sorry we missed you"));

        JsonPath journey = Flows.journeyWith("wait-l", call.callSid(), "run_finished");
        assertThat(journey.getList("entries.kind")).contains("legacy_toggle").doesNotContain("command_sent");
        assertThat(journey.getBoolean("texted")).isFalse();
    }

    /** A run that cannot be fired (its version is gone) is stopped with the error; the due runs around it still fire. */
    @Test
    void aRunThatCannotFireIsStoppedAndDoesNotHoldUpTheOthers() {
        Flows.profile("wait-p", "Poison", "+15557659106");
        String workflow = Flows.activeWorkflow("wait-p", """
                {"name": "Fine", "steps": [{"id": "w", "type": "wait", "duration": "1h"},
                                           {"id": "text", "type": "send_sms", "body": "fine"}]}""");
        Instant due = Instant.now().minusSeconds(5);
        String broken = Flows.newCallSid();
        String fine = Flows.newCallSid();

        leftWaiting("wait-p", workflow, 99, "+15551239107", null, broken, due.minusSeconds(3600), due, 1, "w");
        leftWaiting("wait-p", workflow, 1, "+15551239108", null, fine, due.minusSeconds(3600), due.plusMillis(1), 1, "w");

        assertThat(Flows.commandsTo("wait-p", "+15551239108", 1, Duration.ofSeconds(20))).extracting(SendMessage::body)
                .containsExactly("fine");
        JsonPath journey = Flows.journeyWith("wait-p", broken, "run_failed");
        assertThat(journey.getList("workflows.outcome")).containsExactly("failed");
        assertThat(journey.getString("answer")).contains("has no version 99");
    }

    /** Stores a contact, its missed call and a run waiting at {@code pointer}, as a stopped process would have left them. */
    private void leftWaiting(String account, String workflow, int version, String phone, String firstName, String callSid,
            Instant calledAt, Instant dueAt, int pointer, String waitStep) {
        QuarkusTransaction.requiringNew().run(() -> {
            UUID contact = UUID.randomUUID();
            em.createNativeQuery("insert into contact (id, account_id, phone, first_name, call_count, created_at, updated_at) "
                            + "values (?1, ?2, ?3, ?4, 1, now(), now())")
                    .setParameter(1, contact).setParameter(2, account).setParameter(3, phone).setParameter(4, firstName)
                    .executeUpdate();
            em.createNativeQuery("insert into missed_call (call_sid, account_id, contact_id, caller, called_number, "
                            + "dial_status, occurred_at, handled_at) values (?1, ?2, ?3, ?4, '+15550000000', 'no-answer', ?5, ?5)")
                    .setParameter(1, callSid).setParameter(2, account).setParameter(3, contact).setParameter(4, phone)
                    .setParameter(5, calledAt).executeUpdate();
            em.createNativeQuery("insert into workflow_run (id, account_id, workflow_id, workflow_version, contact_id, "
                            + "call_sid, status, pointer, due_at, wait_kind, wait_step, called_number, missed_at, created_at, "
                            + "updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, 'WAITING', ?7, ?8, 'DURATION', ?9, '+15550000000', "
                            + "?10, ?10, ?10)")
                    .setParameter(1, UUID.nameUUIDFromBytes(callSid.getBytes())).setParameter(2, account)
                    .setParameter(3, workflow).setParameter(4, version).setParameter(5, contact).setParameter(6, callSid)
                    .setParameter(7, pointer).setParameter(8, dueAt).setParameter(9, waitStep).setParameter(10, calledAt)
                    .executeUpdate();
        });
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
