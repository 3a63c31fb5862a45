package com.mctb.workflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.SendMessage;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.workflow.support.Flows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A caller's redials in one poll batch (one transaction, as RecordBatchProcessor hands them over): each call sees what
 * the calls before it in the batch did, although their runs and tags are written only when the batch commits.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class CallMissedHandlerTest {

    @Inject
    CallMissedHandler handler;

    @Test
    void redialsInOneBatchSeeTheTagsTheFirstCallAdded() {
        Flows.profile("batch-tags", "Batch Spa", "+15557659401");
        Flows.enableTemplate("batch-tags");
        Instant at = Instant.now();
        List<CallMissed> calls = List.of(
                Flows.missed("batch-tags", "+15551239401", "+15557659401", at),
                Flows.missed("batch-tags", "+15551239401", "+15557659401", at.plusSeconds(60)),
                Flows.missed("batch-tags", "+15551239401", "+15557659401", at.plusSeconds(120)));

        QuarkusTransaction.requiringNew().run(() -> calls.forEach(handler::handle));

        assertThat(Flows.commandsTo("batch-tags", "+15551239401", 1, Duration.ofSeconds(20)))
                .singleElement().extracting(SendMessage::callSid).isEqualTo(calls.get(0).callSid());
        assertThat(Flows.contactByPhone("batch-tags", "+15551239401").getList("[0].tags"))
                .containsExactly("1st call", "2nd call");
        assertThat(Flows.contactByPhone("batch-tags", "+15551239401").getInt("[0].callCount")).isEqualTo(3);
        assertThat(Flows.journey("batch-tags", calls.get(2).callSid()).getList("entries.kind")).contains("texted_recently");
    }

    @Test
    void redialsInOneBatchDoNotReEnterAWorkflowWhoseRunTheFirstCallStarted() {
        Flows.profile("batch-wait", "Batch Spa", "+15557659402");
        Flows.enableTemplate("batch-wait", Map.of("variant", "wait-20-minutes"));
        Instant at = Instant.now();
        List<CallMissed> calls = List.of(
                Flows.missed("batch-wait", "+15551239402", "+15557659402", at),
                Flows.missed("batch-wait", "+15551239402", "+15557659402", at.plusSeconds(60)));

        QuarkusTransaction.requiringNew().run(() -> calls.forEach(handler::handle));

        assertThat(Flows.journey("batch-wait", calls.get(0).callSid()).getList("workflows.status")).containsExactly("waiting");
        assertThat(Flows.journey("batch-wait", calls.get(1).callSid()).getList("entries.kind"))
                .containsExactly("re_entry_blocked");
    }

    @Test
    void aBatchThatRollsBackLeavesNoRunContactChangeOrJourneyBehind() {
        Flows.profile("batch-rollback", "Batch Spa", "+15557659403");
        Flows.enableTemplate("batch-rollback");
        CallMissed call = Flows.missed("batch-rollback", "+15551239403", "+15557659403", Instant.now());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            handler.handle(call);
            throw new IllegalStateException("the batch fails after the call was handled");
        })).hasMessageContaining("the batch fails");

        assertThat(Flows.contactByPhone("batch-rollback", "+15551239403").getList("")).isEmpty();
        io.restassured.RestAssured.given().auth().oauth2(com.mctb.testkit.TestTokens.forAccount("batch-rollback"))
                .get("/api/accounts/batch-rollback/calls/" + call.callSid() + "/journey").then().statusCode(404);
        assertThat(Flows.commandsTo("batch-rollback", "+15551239403", 1, Duration.ofSeconds(1))).isEmpty();
    }
}
