package com.mctb.workflow.rest;

import com.mctb.kit.rest.Problems;
import com.mctb.workflow.domain.engine.QuietHours;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.QuietHoursSetting;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The account's quiet hours for automated texts: no workflow text goes out between {@code start} and {@code end} on
 * the caller's wall clock (taken as the business's time zone); a text that comes due then waits until they end. On
 * by default, 21:00 to 08:00; switching them off is allowed, with a warning.
 */
@Path("/api/accounts/{accountId}/quiet-hours")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuietHoursResource {

    static final String OFF_WARNING = "Quiet hours are off: workflow texts may now go out at night. The TCPA and "
            + "several states' rules limit automated texts to 8:00-21:00 in the recipient's time zone; keep them on "
            + "unless you are sure they do not apply to you.";

    /**
     * @param set      whether the account set them (false: the default applies)
     * @param timeZone the zone the hours are read in: the business's (the caller's own when their number tells it)
     */
    public record QuietHoursResponse(String accountId, boolean enabled, String start, String end, boolean set,
            String timeZone, List<String> warnings) {
    }

    /** @param enabled required; {@code start}/{@code end} as "HH:mm", optional (the defaults 21:00 and 08:00) */
    public record QuietHoursRequest(Boolean enabled, String start, String end) {
    }

    @GET
    @Transactional
    public QuietHoursResponse get(@PathParam("accountId") String accountId) {
        QuietHoursSetting set = QuietHoursSetting.findById(accountId);
        return response(accountId, QuietHoursSetting.of(accountId), set != null);
    }

    @PUT
    @Transactional
    public QuietHoursResponse put(@PathParam("accountId") String accountId, QuietHoursRequest request) {
        if (request == null || request.enabled() == null) {
            throw bad("enabled", "is required: true or false");
        }
        LocalTime start = time("start", request.start(), QuietHours.DEFAULT_START);
        LocalTime end = time("end", request.end(), QuietHours.DEFAULT_END);
        if (start.equals(end)) {
            throw bad("end", "must differ from start");
        }
        QuietHoursSetting set = QuietHoursSetting.findById(accountId);
        if (set == null) {
            set = new QuietHoursSetting();
            set.accountId = accountId;
        }
        set.enabled = request.enabled();
        set.startsAt = start;
        set.endsAt = end;
        set.updatedAt = Instant.now();
        set.persist();
        return response(accountId, new QuietHours(set.enabled, start, end), true);
    }

    private static QuietHoursResponse response(String accountId, QuietHours hours, boolean set) {
        BusinessProfile profile = BusinessProfile.findById(accountId);
        List<String> warnings = new ArrayList<>();
        if (!hours.enabled()) {
            warnings.add(OFF_WARNING);
        }
        return new QuietHoursResponse(accountId, hours.enabled(), hours.start().toString(), hours.end().toString(), set,
                profile == null ? null : profile.timeZone, warnings);
    }

    private static LocalTime time(String field, String value, LocalTime fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            LocalTime t = LocalTime.parse(value.strip());
            if (t.getSecond() != 0 || t.getNano() != 0) {
                throw bad(field, "'" + value + "' must be whole minutes, \"HH:mm\"");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw bad(field, "'" + value + "' is not a time of day \"HH:mm\" (e.g. \"21:00\")");
        }
    }

    private static WebApplicationException bad(String field, String message) {
        return new WebApplicationException(Problems.of(400, "Bad Request", field + ": " + message,
                List.of(new Problems.FieldError(field, message))));
    }
}
