package com.mctb.workflow.service;

import com.mctb.workflow.domain.definition.DefinitionParser;
import com.mctb.workflow.domain.definition.WorkflowDefinition;
import com.mctb.workflow.domain.engine.Program;
import com.mctb.workflow.persistence.JsonDocuments;
import com.mctb.workflow.persistence.Workflow;
import com.mctb.workflow.persistence.WorkflowVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workflows runs follow. A version never changes once saved, so its compiled form is kept in memory by
 * (workflow, version), on every replica alike, and a new version is simply another key: runs in flight keep theirs.
 *
 * <p>Called only inside a transaction (the handlers' and the poller's); not intercepted, as it is on the hot path.
 */
@ApplicationScoped
public class WorkflowCatalog {

    /** Compiled versions kept; past it the cache starts again (the versions in use are read back at once). */
    private static final int MAX_CACHED = 20_000;

    private final Map<String, CompiledWorkflow> compiled = new ConcurrentHashMap<>();

    /** The account's active workflows, each at its current version. */
    public List<CompiledWorkflow.Active> active(String accountId) {
        return Workflow.activeOf(accountId).stream()
                .map(w -> new CompiledWorkflow.Active(version(w.id, w.currentVersion), w.mayWait)).toList();
    }

    /** One version of a workflow. */
    public CompiledWorkflow version(UUID workflowId, int version) {
        String key = workflowId + "@" + version;
        CompiledWorkflow cached = compiled.get(key);
        if (cached != null) {
            return cached;
        }
        WorkflowVersion stored = WorkflowVersion.of(workflowId, version).orElseThrow(() ->
                new IllegalStateException("workflow " + workflowId + " has no version " + version));
        CompiledWorkflow loaded = compile(workflowId, version, JsonDocuments.read(stored.document));
        if (compiled.size() >= MAX_CACHED) {
            compiled.clear();
        }
        compiled.put(key, loaded);
        return loaded;
    }

    static CompiledWorkflow compile(UUID workflowId, int version, com.fasterxml.jackson.databind.JsonNode document) {
        // Its numbers were checked against the account's when it was saved; they are not checked again here.
        WorkflowDefinition definition = DefinitionParser.parse(document, null);
        return new CompiledWorkflow(workflowId, version, definition, Program.compile(definition));
    }
}
