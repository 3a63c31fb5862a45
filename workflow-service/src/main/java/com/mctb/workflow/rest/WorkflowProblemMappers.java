package com.mctb.workflow.rest;

import com.mctb.kit.rest.Problems;
import com.mctb.workflow.domain.definition.DefinitionException;
import com.mctb.workflow.service.WorkflowService;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** This service's own errors as problem+json: a definition's problems each with its JSON path and step. */
public class WorkflowProblemMappers {

    @ServerExceptionMapper
    public Response invalidDefinition(DefinitionException e) {
        return Problems.of(400, "Bad Request", e.getMessage(), e.violations().stream()
                .map(v -> new Problems.FieldError(v.field(), v.message())).toList());
    }

    @ServerExceptionMapper
    public Response conflict(WorkflowService.Conflict e) {
        return Problems.of(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(WorkflowService.NotFound e) {
        return Problems.of(Response.Status.NOT_FOUND, e.getMessage());
    }
}
