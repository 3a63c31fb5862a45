package com.mctb.workflow.rest;

import com.mctb.workflow.domain.journey.JourneyKind;
import com.mctb.workflow.persistence.JourneyEntry;
import com.mctb.workflow.persistence.MissedCall;
import com.mctb.workflow.persistence.WorkflowRun;
import com.mctb.workflow.persistence.WorkflowVersion;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** "Why did this caller get (or not get) a text?": every workflow a missed call met, each decision, each command. */
@Path("/api/accounts/{accountId}/calls/{callSid}/journey")
@Produces(MediaType.APPLICATION_JSON)
public class JourneyResource {

    @GET
    @Transactional
    public JourneyResponse journey(@PathParam("accountId") String accountId, @PathParam("callSid") String callSid) {
        MissedCall call = MissedCall.<MissedCall>findByIdOptional(callSid).filter(c -> c.accountId.equals(accountId))
                .orElseThrow(() -> new NotFoundException("account " + accountId + " has no missed call " + callSid
                        + " (yet)"));
        List<JourneyEntry> entries = JourneyEntry.ofCall(accountId, callSid);
        List<WorkflowRun> runs = WorkflowRun.ofCall(callSid).stream().filter(r -> r.accountId.equals(accountId)).toList();
        Map<String, String> names = new HashMap<>();
        List<JourneyResponse.Entry> shown = entries.stream().map(e -> {
            JourneyKind kind = JourneyKind.valueOf(e.kind);
            return new JourneyResponse.Entry(e.at, kind.label(), kind.isDecision(), e.workflowId,
                    name(names, e.workflowId, e.workflowVersion), e.workflowVersion, e.runId, e.stepId, e.detail,
                    e.commandId);
        }).toList();
        List<JourneyResponse.Run> shownRuns = runs.stream().map(r -> new JourneyResponse.Run(r.id, r.workflowId,
                name(names, r.workflowId, r.workflowVersion), r.workflowVersion, r.status.name().toLowerCase(),
                r.outcome == null ? null : r.outcome.label(), r.textsSent, r.dueAt)).toList();
        List<String> commands = entries.stream().filter(e -> e.commandId != null).map(e -> e.commandId).toList();
        return new JourneyResponse(call.callSid, call.accountId, call.contactId, call.caller, call.calledNumber,
                call.dialStatus, call.occurredAt, call.voicemailSid != null, !commands.isEmpty(),
                answer(shown, shownRuns, commands), commands, shownRuns, shown);
    }

    /** The reason in a sentence: what was sent, what still waits, or the decisions that kept it from a text. */
    private static String answer(List<JourneyResponse.Entry> entries, List<JourneyResponse.Run> runs,
            List<String> commands) {
        if (!commands.isEmpty()) {
            return "Texted: " + entries.stream().filter(e -> e.commandId() != null)
                    .map(e -> (e.workflowName() != null ? "'" + e.workflowName() + "' step " + e.stepId()
                            : "the legacy toggle") + " (" + e.commandId() + ")")
                    .collect(Collectors.joining("; "));
        }
        String waiting = runs.stream().filter(r -> r.status().equals("waiting"))
                .map(r -> "'" + r.workflowName() + "' waits until " + r.dueAt()).collect(Collectors.joining("; "));
        String why = entries.stream().filter(JourneyResponse.Entry::decision)
                .map(e -> e.detail() != null ? e.detail() : e.kind()).collect(Collectors.joining("; "));
        if (!waiting.isEmpty()) {
            return "Not texted yet: " + waiting + (why.isEmpty() ? "" : ". So far: " + why);
        }
        return "Not texted: " + (why.isEmpty() ? "no workflow sent a text" : why);
    }

    private static String name(Map<String, String> names, String workflowId, Integer version) {
        if (workflowId == null || version == null) {
            return null;
        }
        return names.computeIfAbsent(workflowId + "@" + version, k -> {
            try {
                return WorkflowVersion.of(UUID.fromString(workflowId), version)
                        .map(v -> com.mctb.workflow.persistence.JsonDocuments.read(v.document).path("name").asText(null))
                        .orElse(null);
            } catch (IllegalArgumentException notAWorkflow) {
                return null;
            }
        });
    }
}
