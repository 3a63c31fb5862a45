package com.mctb.workflow.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.contracts.sms.SmsSegments;
import com.mctb.kit.rest.Problems;
import com.mctb.workflow.domain.definition.MissedCallTextBack;
import com.mctb.workflow.domain.definition.TextWhen;
import com.mctb.workflow.domain.definition.WaitDurations;
import com.mctb.workflow.domain.definition.WorkflowDefinition;
import com.mctb.workflow.domain.merge.MergeFields;
import com.mctb.workflow.domain.merge.MergeTemplate;
import com.mctb.workflow.domain.merge.TemplateException;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.Contact;
import com.mctb.workflow.persistence.JsonDocuments;
import com.mctb.workflow.persistence.Workflow;
import com.mctb.workflow.persistence.WorkflowVersion;
import com.mctb.workflow.service.WorkflowService;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The account's workflows: definitions saved as versioned JSON documents, activation, the ready "Missed Call Text
 * Back" template, and a preview of a text as a contact would receive it.
 */
@Path("/api/accounts/{accountId}/workflows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkflowResource {

    @Inject
    WorkflowService workflows;

    @GET
    @Transactional
    public List<WorkflowResponse> list(@PathParam("accountId") String accountId) {
        return Workflow.ofAccount(accountId).stream().map(w -> WorkflowResponse.of(workflows.current(w))).toList();
    }

    /** Saves a new workflow (version 1), not active yet; 400 names every problem with its step. */
    @POST
    public Response create(@PathParam("accountId") String accountId, JsonNode definition) {
        return Response.status(Response.Status.CREATED)
                .entity(WorkflowResponse.of(workflows.create(accountId, definition))).build();
    }

    @GET
    @Path("{workflowId}")
    @Transactional
    public WorkflowResponse get(@PathParam("accountId") String accountId, @PathParam("workflowId") UUID workflowId) {
        return WorkflowResponse.of(workflows.withWarnings(workflows.current(find(accountId, workflowId))));
    }

    /** Publishes the definition as the workflow's next version: new runs follow it, runs in flight keep theirs. */
    @PUT
    @Path("{workflowId}")
    public WorkflowResponse publish(@PathParam("accountId") String accountId, @PathParam("workflowId") UUID workflowId,
            JsonNode definition) {
        return WorkflowResponse.of(workflows.publish(accountId, workflowId, definition));
    }

    @DELETE
    @Path("{workflowId}")
    @Consumes(MediaType.WILDCARD)
    public Response delete(@PathParam("accountId") String accountId, @PathParam("workflowId") UUID workflowId) {
        workflows.delete(accountId, workflowId);
        return Response.noContent().build();
    }

    @GET
    @Path("{workflowId}/versions")
    @Transactional
    public List<VersionResponse> versions(@PathParam("accountId") String accountId,
            @PathParam("workflowId") UUID workflowId) {
        find(accountId, workflowId);
        return WorkflowVersion.allOf(workflowId).stream().map(VersionResponse::of).toList();
    }

    @GET
    @Path("{workflowId}/versions/{version}")
    @Transactional
    public VersionResponse version(@PathParam("accountId") String accountId, @PathParam("workflowId") UUID workflowId,
            @PathParam("version") int version) {
        find(accountId, workflowId);
        return WorkflowVersion.of(workflowId, version).map(VersionResponse::of).orElseThrow(() ->
                new NotFoundException("workflow " + workflowId + " has no version " + version));
    }

    /** New missed calls run it; 409 while the account's legacy toggle is on. */
    @POST
    @Path("{workflowId}/activate")
    @Consumes(MediaType.WILDCARD)
    public WorkflowResponse activate(@PathParam("accountId") String accountId, @PathParam("workflowId") UUID workflowId) {
        return WorkflowResponse.of(workflows.activate(accountId, workflowId));
    }

    @POST
    @Path("{workflowId}/deactivate")
    @Consumes(MediaType.WILDCARD)
    public WorkflowResponse deactivate(@PathParam("accountId") String accountId,
            @PathParam("workflowId") UUID workflowId) {
        return WorkflowResponse.of(workflows.deactivate(accountId, workflowId));
    }

    /**
     * Enables the ready "Missed Call Text Back" workflow in one call: 201 with the active workflow; 200 with it when
     * it is already enabled just so; 409 while the legacy toggle is on or another variant of it is active.
     */
    @POST
    @Path("templates/missed-call-text-back")
    @Consumes(MediaType.WILDCARD)
    public Response enableMissedCallTextBack(@PathParam("accountId") String accountId, TemplateRequest request) {
        TemplateRequest options = request == null ? new TemplateRequest(null, null, null) : request;
        MissedCallTextBack.Variant variant = MissedCallTextBack.Variant.fromJson(options.variant()).orElseThrow(() ->
                badField("variant", "must be 'immediate' or 'wait-20-minutes'"));
        List<Channel> channels = channels(options.channel());
        Optional<String> from = Optional.empty();
        if (options.from() != null && !options.from().isBlank()) {
            from = Optional.of(PhoneNumbers.toE164(options.from()).orElseThrow(() ->
                    badField("from", "'" + options.from() + "' is not a phone number in E.164 (+15557654321)")));
        }
        TextWhen when = options.when() == null || options.when().isBlank() ? TextWhen.ALWAYS
                : TextWhen.fromJson(options.when().strip()).orElseThrow(() -> badField("when",
                        "must be 'always', 'during_business_hours' or 'outside_business_hours'"));
        Duration window = WorkflowDefinition.DEFAULT_REPEAT_WINDOW;
        if (options.repeatWindow() != null && !options.repeatWindow().isBlank()) {
            window = WaitDurations.parse(options.repeatWindow()).filter(d ->
                            d.compareTo(WorkflowDefinition.SHORTEST_REPEAT_WINDOW) >= 0
                                    && d.compareTo(WorkflowDefinition.LONGEST_REPEAT_WINDOW) <= 0)
                    .orElseThrow(() -> badField("repeatWindow", "'" + options.repeatWindow() + "' must be a duration "
                            + "from 1 hour to 90 days (\"24h\", \"7d\", \"PT24H\")"));
        }
        WorkflowService.Enabled enabled = workflows.enableTemplate(accountId,
                new MissedCallTextBack.Options(variant, channels, from, when, window));
        return Response.status(enabled.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(WorkflowResponse.of(enabled.saved())).build();
    }

    /** Whether a missed-call workflow is active: settings-service asks before it turns on the legacy toggle. */
    @GET
    @Path("missed-call/active")
    public ActiveWorkflowsResponse activeMissedCall(@PathParam("accountId") String accountId) {
        List<ActiveWorkflowsResponse.Item> active = workflows.activeMissedCallWorkflows(accountId).stream()
                .map(w -> new ActiveWorkflowsResponse.Item(w.id, w.name, w.currentVersion)).toList();
        return new ActiveWorkflowsResponse(!active.isEmpty(), active);
    }

    /** Renders a text for a contact; 400 names what is wrong in the template. */
    @POST
    @Path("preview")
    @Transactional
    public PreviewResponse preview(@PathParam("accountId") String accountId,
            @Valid @NotNull(message = "a JSON body is required") PreviewRequest request) {
        MergeTemplate template;
        try {
            template = MergeTemplate.parse(request.body());
        } catch (TemplateException e) {
            throw badField("body", e.getMessage());
        }
        Contact contact = null;
        String phone = null;
        if (request.contactId() != null) {
            contact = Contact.byId(accountId, request.contactId()).orElseThrow(() ->
                    new NotFoundException("account " + accountId + " has no contact " + request.contactId()));
        } else if (request.phone() != null && !request.phone().isBlank()) {
            phone = PhoneNumbers.toE164(request.phone(), "US").orElseThrow(() ->
                    badField("phone", "'" + request.phone() + "' is not a phone number"));
            contact = Contact.byPhone(accountId, phone).orElse(null);
        }
        BusinessProfile profile = BusinessProfile.findById(accountId);
        String callTo = request.callTo() != null && !request.callTo().isBlank()
                ? PhoneNumbers.toE164(request.callTo()).orElseThrow(() ->
                        badField("callTo", "'" + request.callTo() + "' is not a phone number in E.164"))
                : profile == null ? null : profile.defaultNumber;
        String text = template.render(new MergeFields(
                contact == null ? null : contact.firstName,
                contact == null ? null : contact.lastName,
                contact == null ? phone : contact.phone,
                profile == null ? null : profile.businessName,
                callTo));
        SmsSegments.Count count = SmsSegments.count(text);
        return new PreviewResponse(text, count.encoding().label(), count.segments(), count.characters());
    }

    private static Workflow find(String accountId, UUID workflowId) {
        return Workflow.byId(accountId, workflowId).orElseThrow(() ->
                new NotFoundException("account " + accountId + " has no workflow " + workflowId));
    }

    private static List<Channel> channels(String value) {
        if (value == null || value.isBlank()) {
            return List.of(Channel.SMS);
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (v.equals("BOTH")) {
            return List.of(Channel.SMS, Channel.WHATSAPP);
        }
        try {
            return List.of(Channel.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw badField("channel", "must be 'SMS', 'WHATSAPP' or 'BOTH'");
        }
    }

    private static WebApplicationException badField(String field, String message) {
        return new WebApplicationException(Problems.of(400, "Bad Request", field + ": " + message,
                List.of(new Problems.FieldError(field, message))));
    }

    /** One saved version. */
    public record VersionResponse(int version, String name, Instant createdAt, JsonNode definition) {
        static VersionResponse of(WorkflowVersion v) {
            JsonNode doc = JsonDocuments.read(v.document);
            return new VersionResponse(v.version, doc.path("name").asText(null), v.createdAt, doc);
        }
    }
}
