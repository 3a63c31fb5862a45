package com.mctb.workflow.conversation;

/**
 * Who sent a text out: a workflow's step, the legacy toggle, or a team member.
 *
 * @param kind WORKFLOW, LEGACY_TOGGLE or TEAM
 */
public record Sender(String kind, String workflowId, Integer workflowVersion, String stepId, String userId) {

    public static Sender workflow(String workflowId, int version, String stepId) {
        return new Sender("WORKFLOW", workflowId, version, stepId, null);
    }

    public static Sender legacyToggle() {
        return new Sender("LEGACY_TOGGLE", null, null, null, null);
    }

    public static Sender team(String userId) {
        return new Sender("TEAM", null, null, null, userId);
    }
}
