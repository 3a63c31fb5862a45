package com.mctb.workflow.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids derived from what caused them, so replaying the cause reproduces them: a workflow run from the workflow and
 * the missed call, a command from the run and its step. This is what lets messaging-service drop a repeated
 * command by its id.
 */
public final class RunIds {

    /** The workflow id under which the legacy toggle's texts are derived. */
    public static final String LEGACY_TOGGLE = "legacy-toggle";
    /** The "workflow" of a call waiting for its account's Business Profile to arrive. */
    public static final String AWAITING_BUSINESS_PROFILE = "awaiting-business-profile";
    /** The legacy toggle's one step. */
    public static final String LEGACY_SEND_STEP = "send";

    private RunIds() {
    }

    public static UUID run(String workflowId, String callSid) {
        return UUID.nameUUIDFromBytes(("run:" + workflowId + ":" + callSid).getBytes(StandardCharsets.UTF_8));
    }

    public static String command(UUID runId, String stepId) {
        return "run-" + runId + "/" + stepId;
    }
}
