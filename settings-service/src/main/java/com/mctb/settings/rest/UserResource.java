package com.mctb.settings.rest;

import com.mctb.settings.persistence.PhoneNumber;
import com.mctb.settings.persistence.User;
import com.mctb.settings.service.CallSettingsService;
import com.mctb.settings.service.Level;
import com.mctb.settings.service.UserService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Team Management: the account's users, and the call settings and greeting set per user. */
@Path("/api/accounts/{accountId}/users")
@Tag(name = "Users")
public class UserResource {

    @Inject
    UserService users;

    @Inject
    CallSettingsService callSettings;

    @Inject
    GreetingEndpoints greetings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The account's users with the numbers assigned to each")
    public List<UserResponse> users(@PathParam("accountId") String accountId) {
        List<User> all = users.users(accountId);
        Map<String, List<String>> numbers = PhoneNumber.ofAccount(accountId).stream()
                .filter(n -> n.assignedUserId != null)
                .collect(Collectors.groupingBy(n -> n.assignedUserId, Collectors.mapping(n -> n.number, Collectors.toList())));
        return all.stream().map(u -> UserResponse.of(u, numbers.getOrDefault(u.id, List.of()))).toList();
    }

    @GET
    @Path("{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One user")
    public UserResponse user(@PathParam("accountId") String accountId, @PathParam("userId") String userId) {
        return view(accountId, users.get(accountId, userId));
    }

    @PUT
    @Path("{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Adds a user (201) or updates them (200): name, mobile, notification preferences")
    public Response save(@PathParam("accountId") String accountId,
            @PathParam("userId") @Pattern(regexp = Ids.USER_PATTERN, message = Ids.USER_MESSAGE) String userId,
            @Valid @NotNull(message = "a JSON body is required") UserRequest request) {
        UserRequest.Notifications n = request.notifications();
        boolean created = users.save(accountId, userId, request.name(), new UserService.Contact(request.mobile(),
                n == null ? null : n.missedCall(), n == null ? null : n.voicemail(), n == null ? null : n.reply()));
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
                .entity(view(accountId, users.get(accountId, userId))).build();
    }

    @DELETE
    @Path("{userId}")
    @Operation(summary = "Removes a user: their numbers fall back to the account's settings")
    public Response remove(@PathParam("accountId") String accountId, @PathParam("userId") String userId) {
        users.remove(accountId, userId);
        return Response.noContent().build();
    }

    @GET
    @Path("{userId}/call-settings")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What this user sets (null: inherited from the account)")
    public CallSettingsResponse callSettings(@PathParam("accountId") String accountId,
            @PathParam("userId") String userId) {
        return CallSettingsViews.level(callSettings, greetings, accountId, Level.user(userId));
    }

    @PUT
    @Path("{userId}/call-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replaces what this user sets; null fields inherit")
    public CallSettingsResponse saveCallSettings(@PathParam("accountId") String accountId,
            @PathParam("userId") String userId,
            @Valid @NotNull(message = "a JSON body is required") CallSettingsRequest request) {
        return CallSettingsViews.save(callSettings, greetings, accountId, Level.user(userId), request);
    }

    @PUT
    @Path("{userId}/call-settings/greeting")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Uploads this user's voicemail greeting (MP3 or WAV, at most 10 MB and 3 minutes)")
    public Response uploadGreeting(@PathParam("accountId") String accountId, @PathParam("userId") String userId,
            @RestForm("file") FileUpload file) {
        return greetings.upload(accountId, Level.user(userId), file);
    }

    @GET
    @Path("{userId}/call-settings/greeting")
    @Operation(summary = "Plays this user's greeting (Range requests supported)")
    public Response previewGreeting(@PathParam("accountId") String accountId, @PathParam("userId") String userId,
            @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        return greetings.preview(accountId, Level.user(userId), range, ifRange, ifNoneMatch);
    }

    @DELETE
    @Path("{userId}/call-settings/greeting")
    @Operation(summary = "Removes this user's greeting: their numbers fall back to the account's or the default")
    public Response removeGreeting(@PathParam("accountId") String accountId, @PathParam("userId") String userId) {
        return greetings.remove(accountId, Level.user(userId));
    }

    private static UserResponse view(String accountId, User user) {
        List<String> numbers = PhoneNumber.ofAccount(accountId).stream()
                .filter(n -> user.id.equals(n.assignedUserId)).map(n -> n.number).toList();
        return UserResponse.of(user, numbers);
    }
}
