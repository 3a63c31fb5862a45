package com.mctb.workflow.rest;

import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.kit.rest.Problems;
import com.mctb.workflow.persistence.Contact;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The account's contacts and their tags. */
@Path("/api/accounts/{accountId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {

    private static final String DEFAULT_REGION = "US";

    @GET
    public List<ContactResponse> list(@PathParam("accountId") String accountId, @QueryParam("phone") String phone) {
        if (phone != null) {
            return Contact.byPhone(accountId, e164(phone)).map(ContactResponse::of).stream().toList();
        }
        return Contact.ofAccount(accountId).stream().map(ContactResponse::of).toList();
    }

    @GET
    @Path("{contactId}")
    public ContactResponse get(@PathParam("accountId") String accountId, @PathParam("contactId") UUID contactId) {
        return ContactResponse.of(find(accountId, contactId));
    }

    /** Adds a contact; 409 when the account already has one with this phone. */
    @POST
    @Transactional
    public Response create(@PathParam("accountId") String accountId,
            @Valid @NotNull(message = "a JSON body is required") ContactRequest request) {
        String phone = e164(request.phone());
        if (Contact.byPhone(accountId, phone).isPresent()) {
            throw new ClientErrorException("a contact with phone " + phone + " already exists", Response.Status.CONFLICT);
        }
        Contact contact = Contact.create(accountId, phone);
        contact.firstName = blankToNull(request.firstName());
        contact.lastName = blankToNull(request.lastName());
        if (request.tags() != null) {
            contact.setTags(tags(request.tags()));
        }
        contact.persist();
        return Response.status(Response.Status.CREATED).entity(ContactResponse.of(contact)).build();
    }

    @PUT
    @Path("{contactId}")
    @Transactional
    public ContactResponse update(@PathParam("accountId") String accountId, @PathParam("contactId") UUID contactId,
            @Valid @NotNull(message = "a JSON body is required") ContactRequest request) {
        Contact contact = findLocked(accountId, contactId);
        String phone = e164(request.phone());
        if (!phone.equals(contact.phone) && Contact.byPhone(accountId, phone).isPresent()) {
            throw new ClientErrorException("a contact with phone " + phone + " already exists", Response.Status.CONFLICT);
        }
        contact.phone = phone;
        contact.firstName = blankToNull(request.firstName());
        contact.lastName = blankToNull(request.lastName());
        if (request.tags() != null) {
            contact.setTags(tags(request.tags()));
        }
        contact.updatedAt = Instant.now();
        return ContactResponse.of(contact);
    }

    @GET
    @Path("{contactId}/tags")
    public List<String> tags(@PathParam("accountId") String accountId, @PathParam("contactId") UUID contactId) {
        return List.copyOf(find(accountId, contactId).tags);
    }

    /** Replaces the contact's tags. */
    @PUT
    @Path("{contactId}/tags")
    @Transactional
    public List<String> replaceTags(@PathParam("accountId") String accountId, @PathParam("contactId") UUID contactId,
            @NotNull(message = "a JSON list of tags is required") List<
                    @jakarta.validation.constraints.NotBlank(message = "must not be blank")
                    @jakarta.validation.constraints.Size(max = 50, message = "must be at most 50 characters") String> tags) {
        Contact contact = findLocked(accountId, contactId);
        contact.setTags(tags(tags));
        contact.updatedAt = Instant.now();
        return List.copyOf(contact.tags);
    }

    /** Adds a tag (nothing changes when the contact has it). */
    @POST
    @Path("{contactId}/tags")
    @Transactional
    public List<String> addTag(@PathParam("accountId") String accountId, @PathParam("contactId") UUID contactId,
            @Valid @NotNull(message = "a JSON body is required") TagRequest request) {
        Contact contact = findLocked(accountId, contactId);
        List<String> tags = new java.util.ArrayList<>(contact.tags);
        tags.add(request.tag().strip());
        contact.setTags(tags);
        contact.updatedAt = Instant.now();
        return List.copyOf(contact.tags);
    }

    /** Removes a tag (nothing changes when the contact lacks it). */
    @DELETE
    @Path("{contactId}/tags/{tag}")
    @Consumes(MediaType.WILDCARD)
    @Transactional
    public List<String> removeTag(@PathParam("accountId") String accountId, @PathParam("contactId") UUID contactId,
            @PathParam("tag") String tag) {
        Contact contact = findLocked(accountId, contactId);
        List<String> tags = new java.util.ArrayList<>(contact.tags);
        tags.remove(tag.strip());
        contact.setTags(tags);
        contact.updatedAt = Instant.now();
        return List.copyOf(contact.tags);
    }

    private static Contact find(String accountId, UUID contactId) {
        return Contact.byId(accountId, contactId)
                .orElseThrow(() -> new NotFoundException("account " + accountId + " has no contact " + contactId));
    }

    /** Locked for the transaction, so a tag a workflow adds at the same moment is not lost. */
    private static Contact findLocked(String accountId, UUID contactId) {
        return Contact.lockedById(accountId, contactId)
                .orElseThrow(() -> new NotFoundException("account " + accountId + " has no contact " + contactId));
    }

    private static List<String> tags(List<String> tags) {
        return tags.stream().map(String::strip).distinct().toList();
    }

    private static String e164(String phone) {
        return PhoneNumbers.toE164(phone, DEFAULT_REGION).orElseThrow(() -> new jakarta.ws.rs.WebApplicationException(
                Problems.of(400, "Bad Request", "phone: '" + phone + "' is not a phone number",
                        List.of(new Problems.FieldError("phone", "is not a phone number")))));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
