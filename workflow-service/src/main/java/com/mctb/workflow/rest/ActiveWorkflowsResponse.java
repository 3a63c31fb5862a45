package com.mctb.workflow.rest;

import java.util.List;
import java.util.UUID;

/** Whether any missed-call workflow is active for the account (settings-service asks before the legacy toggle). */
public record ActiveWorkflowsResponse(boolean active, List<Item> workflows) {

    public record Item(UUID id, String name, int version) {
    }
}
