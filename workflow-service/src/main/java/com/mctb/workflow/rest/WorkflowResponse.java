package com.mctb.workflow.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.mctb.workflow.service.WorkflowService;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A workflow as the API shows it: its current version's definition, and whether new missed calls run it.
 *
 * @param version  the current version, which new runs follow
 * @param template the template it was enabled from ({@code missed-call-text-back}), if any
 * @param warnings what the owner should know, e.g. another active workflow that takes the same calls (only the one
 *                 activated first texts them)
 */
public record WorkflowResponse(UUID id, String name, boolean active, int version, String template,
        String templateVariant, Instant createdAt, Instant updatedAt, Instant activatedAt, JsonNode definition,
        List<WorkflowService.Warning> warnings) {

    static WorkflowResponse of(WorkflowService.Saved saved) {
        var w = saved.workflow();
        return new WorkflowResponse(w.id, w.name, w.active, w.currentVersion, w.template, w.templateVariant,
                w.createdAt, w.updatedAt, w.activatedAt, saved.definition(), saved.warnings());
    }
}
