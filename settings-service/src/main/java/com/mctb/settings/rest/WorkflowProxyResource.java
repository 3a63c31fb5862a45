package com.mctb.settings.rest;

import com.mctb.kit.rest.Problems;
import com.mctb.settings.client.WorkflowServiceProxy;
import com.mctb.settings.client.WorkflowServiceUnavailableException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The calls the Business Profile page makes to workflow-service, passed on with the caller's own credential and
 * answered as workflow-service answers (see its README for the bodies). The page is served by this service, so it
 * reaches workflow-service through here: {@code mctb.settings.workflow-service-url} is where this service finds
 * workflow-service (inside a compose network, say), not an address a browser can reach, and one origin needs no CORS.
 * The account's token is checked here first ({@code AccountAccessFilter}) and again by workflow-service.
 */
@Path("/api/accounts/{accountId}/workflow-service/workflows")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Missed Call Text Back workflow (workflow-service)")
@APIResponse(responseCode = "503", description = "workflow-service could not be reached")
public class WorkflowProxyResource {

    @Inject
    WorkflowServiceProxy proxy;

    @GET
    @Operation(summary = "workflow-service: the account's workflows")
    public Response list(@PathParam("accountId") String accountId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return forward("GET", accountId, "", null, authorization);
    }

    @GET
    @Path("{workflowId}")
    @Operation(summary = "workflow-service: one workflow with its current definition")
    public Response get(@PathParam("accountId") String accountId, @PathParam("workflowId") UUID workflowId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return forward("GET", accountId, "/" + workflowId, null, authorization);
    }

    @PUT
    @Path("{workflowId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "workflow-service: publishes the definition as the workflow's next version")
    public Response publish(@PathParam("accountId") String accountId, @PathParam("workflowId") UUID workflowId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] definition) {
        return forward("PUT", accountId, "/" + workflowId, definition, authorization);
    }

    @POST
    @Path("{workflowId}/activate")
    @Operation(summary = "workflow-service: new missed calls run the workflow (409 while the legacy toggle is on)")
    public Response activate(@PathParam("accountId") String accountId, @PathParam("workflowId") UUID workflowId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return forward("POST", accountId, "/" + workflowId + "/activate", null, authorization);
    }

    @POST
    @Path("{workflowId}/deactivate")
    @Operation(summary = "workflow-service: no new runs of the workflow")
    public Response deactivate(@PathParam("accountId") String accountId, @PathParam("workflowId") UUID workflowId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return forward("POST", accountId, "/" + workflowId + "/deactivate", null, authorization);
    }

    @POST
    @Path("templates/missed-call-text-back")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "workflow-service: enables the ready Missed Call Text Back workflow",
            description = "Body (optional): {variant: immediate | wait-20-minutes, channel: SMS | WHATSAPP, from}")
    public Response enableTemplate(@PathParam("accountId") String accountId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] options) {
        return forward("POST", accountId, "/templates/missed-call-text-back", bodyOrEmpty(options), authorization);
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "workflow-service: a text rendered as a contact gets it, with its encoding and segments")
    public Response preview(@PathParam("accountId") String accountId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] request) {
        return forward("POST", accountId, "/preview", request, authorization);
    }

    private Response forward(String method, String accountId, String rest, byte[] body, String authorization) {
        // The rest of the path is built here from a UUID and fixed segments; the account id has matched the token's
        // (AccountAccessFilter), but an operator's token takes any, so it is checked to be an id before it goes on.
        if (!accountId.matches(AccountIds.PATTERN)) {
            return Problems.of(Response.Status.NOT_FOUND, "no account " + accountId);
        }
        String path = "/api/accounts/" + accountId + "/workflows" + rest;
        WorkflowServiceProxy.Answer answer;
        try {
            answer = proxy.forward(method, path, body, authorization);
        } catch (WorkflowServiceUnavailableException e) {
            return Problems.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage() + ". The Missed Call Text Back "
                    + "workflow cannot be shown or changed until it answers; call & voicemail settings are not affected.");
        }
        Response.ResponseBuilder response = Response.status(answer.status());
        if (answer.body() != null && answer.body().length > 0) {
            response.entity(answer.body()).type(answer.contentType() == null ? MediaType.APPLICATION_OCTET_STREAM
                    : answer.contentType());
        }
        return response.build();
    }

    private static byte[] bodyOrEmpty(byte[] body) {
        return body == null || body.length == 0 ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8) : body;
    }
}
