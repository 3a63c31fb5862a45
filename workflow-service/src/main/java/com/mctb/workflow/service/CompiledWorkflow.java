package com.mctb.workflow.service;

import com.mctb.workflow.domain.definition.WorkflowDefinition;
import com.mctb.workflow.domain.engine.Program;
import java.util.UUID;

/** One version of a workflow, read and compiled: what runs follow. */
public record CompiledWorkflow(UUID workflowId, int version, WorkflowDefinition definition, Program program) {

    public String name() {
        return definition.name();
    }
}
