package com.mctb.workflow.service;

import com.mctb.workflow.domain.definition.WorkflowDefinition;
import com.mctb.workflow.domain.engine.Program;
import java.util.UUID;

/** One version of a workflow, read and compiled: what runs follow. */
public record CompiledWorkflow(UUID workflowId, int version, WorkflowDefinition definition, Program program) {

    public String name() {
        return definition.name();
    }

    /**
     * An active workflow at its current version.
     *
     * @param mayWait some version of it can leave a run waiting, so a caller may be inside it
     */
    public record Active(CompiledWorkflow current, boolean mayWait) {
    }
}
