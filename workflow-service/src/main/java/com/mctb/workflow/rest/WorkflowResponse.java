package com.mctb.workflow.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.mctb.workflow.service.WorkflowService;
import java.time.Instant;
import java.util.UUID;

/**
 * A workflow as the API shows it: its current version's definition, and whether new missed calls run it.
 *
 * @param version  the current version, which new runs follow
 * @param template the template it was enabled from ({@code missed-call-text-back}), if any
 */
public record WorkflowResponse(UUID id, String name, boolean active, int version, String template,
        String templateVariant, Instant createdAt, Instant updatedAt, JsonNode definition) {

    static WorkflowResponse of(WorkflowService.Saved saved) {
        var w = saved.workflow();
        return new WorkflowResponse(w.id, w.name, w.active, w.currentVersion, w.template, w.templateVariant,
                w.createdAt, w.updatedAt, saved.definition());
    }
}
