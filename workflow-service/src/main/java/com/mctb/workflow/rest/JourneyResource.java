package com.mctb.workflow.rest;

import com.mctb.workflow.domain.journey.JourneyKind;
import com.mctb.workflow.persistence.JourneyEntry;
import com.mctb.workflow.persistence.MissedCall;
import com.mctb.workflow.persistence.WorkflowRun;
import com.mctb.workflow.persistence.WorkflowText;
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
        List<WorkflowText> texts = WorkflowText.ofCall(accountId, callSid);
        List<JourneyResponse.Entry> all = new java.util.ArrayList<>(shown);
        texts.forEach(t -> all.addAll(outcomeEntries(t)));
        all.sort(java.util.Comparator.comparing(JourneyResponse.Entry::at));
        boolean texted = !commands.isEmpty() && (texts.isEmpty()
                || texts.stream().anyMatch(t -> t.failedAt == null && t.rejectedAt == null));
        return new JourneyResponse(call.callSid, call.accountId, call.contactId, call.caller, call.calledNumber,
                call.dialStatus, call.occurredAt, call.voicemailSid != null, texted,
                answer(shown, shownRuns, commands, texts), commands, texts.stream().map(JourneyResource::text).toList(),
                shownRuns, all);
    }

    private static JourneyResponse.Text text(WorkflowText t) {
        return new JourneyResponse.Text(t.commandId, t.workflowName, t.stepId, t.channel, t.status(), t.textedAt,
                t.acceptedAt, t.messageSid, t.acceptedChannel, t.sentAt, t.deliveredAt, t.failedAt, t.errorCode,
                t.errorMessage, t.rejectedAt, t.rejectReason, t.rejectDetail);
    }

    /** What messaging-service reported of a text, as entries of the journey at their own times. */
    private static List<JourneyResponse.Entry> outcomeEntries(WorkflowText t) {
        List<JourneyResponse.Entry> out = new java.util.ArrayList<>();
        String workflowId = t.runId == null ? null : t.workflowId;
        if (t.acceptedAt != null) {
            out.add(outcome(t, workflowId, t.acceptedAt, JourneyKind.TEXT_ACCEPTED, "Twilio accepted it as "
                    + t.messageSid + (t.acceptedChannel != null && !t.acceptedChannel.equals(t.channel)
                    ? " (as " + t.acceptedChannel + ": WhatsApp fell back to SMS)" : "")));
        }
        if (t.sentAt != null) {
            out.add(outcome(t, workflowId, t.sentAt, JourneyKind.TEXT_SENT, "the carrier took it"));
        }
        if (t.deliveredAt != null) {
            out.add(outcome(t, workflowId, t.deliveredAt, JourneyKind.TEXT_DELIVERED, "delivered to the caller's phone"));
        }
        if (t.failedAt != null) {
            out.add(outcome(t, workflowId, t.failedAt, JourneyKind.TEXT_FAILED, (Boolean.TRUE.equals(t.undelivered)
                    ? "undelivered" : "failed") + (t.errorCode == null ? "" : ": Twilio error " + t.errorCode)
                    + (t.errorMessage == null ? "" : " (" + t.errorMessage + ")")
                    + "; it does not count as texted"));
        }
        if (t.rejectedAt != null) {
            out.add(outcome(t, workflowId, t.rejectedAt, JourneyKind.TEXT_REJECTED, "not sent by messaging-service: "
                    + t.rejectReason + (t.rejectDetail == null ? "" : " (" + t.rejectDetail + ")")
                    + "; it does not count as texted"));
        }
        return out;
    }

    private static JourneyResponse.Entry outcome(WorkflowText t, String workflowId, java.time.Instant at,
            JourneyKind kind, String detail) {
        return new JourneyResponse.Entry(at, kind.label(), kind.isDecision(), workflowId, t.workflowName, null,
                t.runId, t.stepId, detail, t.commandId);
    }

    /** The reason in a sentence: what was sent, what still waits, or the decisions that kept it from a text. */
    private static String answer(List<JourneyResponse.Entry> entries, List<JourneyResponse.Run> runs,
            List<String> commands, List<WorkflowText> texts) {
        if (!commands.isEmpty()) {
            Map<String, WorkflowText> byCommand = new HashMap<>();
            texts.forEach(t -> byCommand.put(t.commandId, t));
            String what = entries.stream().filter(e -> e.commandId() != null)
                    .map(e -> (e.workflowName() != null ? "'" + e.workflowName() + "' step " + e.stepId()
                            : "the legacy toggle") + " (" + e.commandId() + ")" + fate(byCommand.get(e.commandId())))
                    .collect(Collectors.joining("; "));
            boolean allRefused = !texts.isEmpty() && texts.stream().allMatch(t -> t.failedAt != null || t.rejectedAt != null);
            return (allRefused ? "Not texted: " : "Texted: ") + what;
        }
        String waiting = runs.stream().filter(r -> r.status().equals("waiting"))
                .map(r -> (r.workflowName() == null ? "the call" : "'" + r.workflowName() + "'") + " waits until "
                        + r.dueAt()).collect(Collectors.joining("; "));
        String why = entries.stream().filter(JourneyResponse.Entry::decision)
                .map(e -> e.detail() != null ? e.detail() : e.kind()).collect(Collectors.joining("; "));
        if (!waiting.isEmpty()) {
            return "Not texted yet: " + waiting + (why.isEmpty() ? "" : ". So far: " + why);
        }
        return "Not texted: " + (why.isEmpty() ? "no workflow sent a text" : why);
    }

    /** ": delivered at …", ": rejected (LIMIT) at …", or nothing while nothing is known. */
    private static String fate(WorkflowText t) {
        if (t == null) {
            return "";
        }
        return switch (t.status()) {
            case "rejected" -> ": rejected by messaging-service (" + t.rejectReason + ") at " + t.rejectedAt;
            case "failed" -> ": failed" + (t.errorCode == null ? "" : " (Twilio error " + t.errorCode + ")") + " at "
                    + t.failedAt;
            case "delivered" -> ": delivered at " + t.deliveredAt;
            case "sent" -> ": sent at " + t.sentAt;
            case "accepted" -> ": accepted by Twilio (" + t.messageSid + ") at " + t.acceptedAt;
            default -> ": asked of messaging-service";
        };
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
