package com.mctb.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.gateway.domain.LegEnded;
import com.mctb.gateway.domain.RingLegs;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit of call decisions and ended legs, without the framework: the database is a fake, and the one
 * transaction a batch is written in is counted.
 */
class OutcomeWriterTest {

    private final MissedCallPublisherTest.FakeOutcomes outcomes = new MissedCallPublisherTest.FakeOutcomes();
    private final FakeLegs legs = new FakeLegs();
    private final List<Integer> transactions = new CopyOnWriteArrayList<>();
    private OutcomeWriter writer;

    @BeforeEach
    void start() {
        writer = new OutcomeWriter() {
            @Override
            List<Boolean> inOneTransaction(Callable<List<Boolean>> writes) {
                transactions.add(1);
                try {
                    return writes.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        writer.outcomes = outcomes;
        writer.legs = legs;
        writer.start(64, 50);
    }

    @AfterEach
    void stop() {
        outcomes.release.countDown();
        writer.stop(null);
    }

    @Test
    void aMissedCallsLegAndItsDecisionShareOneCommit() throws Exception {
        OutcomeWriter.Pending first = stallTheWriter();
        OutcomeWriter.Pending leg = writer.submit(leg("CA2"));
        OutcomeWriter.Pending decision = writer.submit(CallOutcomes.Decision.missed(missed("CA2")));
        outcomes.release.countDown();

        assertThat(first.result().get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(decision.result().get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(leg.result().get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(legs.kept).containsExactly("CA2/0");
        assertThat(transactions).as("the batch after the stalled one: its leg and its decision together").hasSize(1);
    }

    @Test
    void aLegThatCannotBeKeptDoesNotHoldBackTheMissedCall() throws Exception {
        legs.broken = true;
        stallTheWriter();
        OutcomeWriter.Pending leg = writer.submit(leg("CA2"));
        OutcomeWriter.Pending decision = writer.submit(CallOutcomes.Decision.missed(missed("CA2")));
        outcomes.release.countDown();

        assertThat(decision.result().get(5, TimeUnit.SECONDS)).as("the missed call is kept all the same").isTrue();
        assertThat(outcomes.reported).extracting(CallMissed::callSid).containsExactly("CA1", "CA2");
        assertThatThrownBy(() -> leg.result().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("call_leg");
        assertThat(transactions).as("tried together once, then apart").hasSize(1);
    }

    @Test
    void aDatabaseThatIsAwayIsNotAskedAgainApart() throws Exception {
        stallTheWriter();
        legs.away = true;
        outcomes.databaseDown = true;
        int batchesBefore = outcomes.batches.size();
        OutcomeWriter.Pending leg = writer.submit(leg("CA2"));
        OutcomeWriter.Pending decision = writer.submit(CallOutcomes.Decision.missed(missed("CA2")));
        outcomes.release.countDown();

        assertThatThrownBy(() -> decision.result().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("Connection refused");
        assertThatThrownBy(() -> leg.result().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(legs.attempts).as("the legs were tried once, together with the decision").isEqualTo(1);
        assertThat(outcomes.batches).hasSize(batchesBefore + 1); // the stalled first batch only
    }

    @Test
    void legsAloneAreKeptInOneStatement() throws Exception {
        stallTheWriter();
        OutcomeWriter.Pending a = writer.submit(leg("CA2"));
        OutcomeWriter.Pending b = writer.submit(leg("CA3"));
        outcomes.release.countDown();

        assertThat(a.result().get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(b.result().get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(legs.statements).containsExactly(2);
        assertThat(transactions).isEmpty();
    }

    /** A first decision the writer is stuck on, so that what is submitted next queues up into one batch. */
    private OutcomeWriter.Pending stallTheWriter() throws InterruptedException {
        outcomes.stall = true;
        OutcomeWriter.Pending first = writer.submit(CallOutcomes.Decision.missed(missed("CA1")));
        assertThat(outcomes.stalled.await(5, TimeUnit.SECONDS)).isTrue();
        outcomes.stall = false;
        return first;
    }

    private static CallMissed missed(String callSid) {
        return new CallMissed(callSid, "glow", "+15551230001", "+15557654321", DialStatus.NO_ANSWER, 17, false,
                Instant.parse("2026-11-28T14:00:00Z"));
    }

    private static CallLegs.Ended leg(String callSid) {
        RingLegs.Leg leg = new RingLegs.Leg(0, List.of("+15550000001"), null, 17, java.util.Map.of());
        return new CallLegs.Ended(new CallEffects.Call(callSid, "+15551230001", false, "+15557654321"), "glow",
                new LegEnded(leg, "no-answer", LegEnded.Outcome.NO_ANSWER), null);
    }

    static final class FakeLegs extends CallLegs {
        volatile boolean broken;
        volatile boolean away;
        volatile int attempts;
        final List<String> kept = new CopyOnWriteArrayList<>();
        final List<Integer> statements = new CopyOnWriteArrayList<>();

        @Override
        public void endedAll(List<Ended> ended) {
            attempts++;
            if (away) {
                throw new IllegalStateException("cannot keep legs",
                        new java.sql.SQLTransientConnectionException("Connection refused", "08001"));
            }
            if (broken) {
                throw new IllegalStateException("null value in column \"to_number\" of relation \"call_leg\"");
            }
            statements.add(ended.size());
            ended.forEach(e -> kept.add(e.call().callSid() + "/" + e.ended().leg().index()));
        }
    }
}
