package com.mctb.settings.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The part of workflow-service's REST API this service asks (built by {@link MissedCallWorkflows}). */
@Path("/api/accounts/{accountId}/workflows/missed-call")
@Produces(MediaType.APPLICATION_JSON)
public interface WorkflowServiceClient {

    /** Whether the account has an active workflow triggered by a missed call, with the caller's own credential. */
    @GET
    @Path("active")
    ActiveWorkflows active(@PathParam("accountId") String accountId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    /** workflow-service's answer. */
    record ActiveWorkflows(boolean active, List<Workflow> workflows) {
        public ActiveWorkflows {
            workflows = workflows == null ? List.of() : List.copyOf(workflows);
        }
    }

    record Workflow(String id, String name, Integer version) {
    }
}
