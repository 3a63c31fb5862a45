package com.mctb.console.settings;

import com.mctb.console.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneId;
import java.util.List;

/**
 * The Business Profile page with its Call &amp; Voicemail Settings, for one account ({@code ?account=glow}). The page
 * holds no account data and needs no credential: it asks for the account's bearer token (kept in the tab's
 * sessionStorage) and reads and saves everything through the console's {@code /api}, which passes each call on to the
 * service that owns it, where the token is checked. What the rules are (timeout range and advice, greeting limits,
 * the legacy toggle's warning) is written into it from settings-service, which enforces them ({@link SettingsRules}).
 */
@Path("/settings/business-profile")
public class BusinessProfilePageResource {

    /** The zones a business may pick: the regions' cities and UTC, without the old aliases (US/Eastern, EST5EDT). */
    private static final List<String> TIME_ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(zone -> zone.equals("UTC") || zone.matches("^(Africa|America|Antarctica|Asia|Atlantic|Australia"
                    + "|Europe|Indian|Pacific)/[A-Za-z_/-]+$"))
            .sorted()
            .toList();

    private static final List<String> ASSETS = List.of("META-INF/resources/settings/business-profile.js",
            "META-INF/resources/settings/business-profile.css");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance businessProfile(Page page);
    }

    /** A merge field's button: what it is called and what it inserts (workflow-service's grammar). */
    public record MergeField(String label, String token) {
    }

    /** A weekday as the hours API names it ({@code monday}) and as the page shows it. */
    public record Weekday(String key, String label) {
    }

    /** What the template shows besides the account's data, which the page's script loads. */
    public record Page(String assetsVersion, List<String> timeZones, int timeoutMin, int timeoutMax,
            int recommendedMin, int recommendedMax, int systemDefaultTimeout, String longTimeoutWarning,
            String shortTimeoutWarning, long greetingMaxMegabytes, long greetingMaxSeconds, String legacyWarning,
            List<MergeField> mergeFields, List<Weekday> weekdays) {
    }

    private static final String ASSETS_VERSION = Pages.assetsVersion(ASSETS);

    /**
     * The merge fields workflow-service's templates take (its {@code MergeFields}; a field it does not know is refused
     * when the workflow is saved, with the field named).
     */
    private static final List<MergeField> MERGE_FIELDS = List.of(new MergeField("First name", "{{contact.first_name | default: \"there\"}}"),
                    new MergeField("Last name", "{{contact.last_name}}"),
                    new MergeField("Caller's number", "{{contact.phone}}"),
                    new MergeField("Business name", "{{business.name}}"),
                    new MergeField("Number called", "{{call.to}}"));

    private static final List<Weekday> WEEKDAYS = java.util.Arrays.stream(java.time.DayOfWeek.values())
            .map(day -> new Weekday(day.name().toLowerCase(java.util.Locale.ROOT),
                    day.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.US)))
            .toList();

    @Inject
    SettingsRules settingsRules;

    Page pageValues() {
        SettingsRules.Rules rules = settingsRules.get();
        return new Page(ASSETS_VERSION, TIME_ZONES, rules.timeoutMinSeconds(), rules.timeoutMaxSeconds(),
                rules.recommendedMinSeconds(), rules.recommendedMaxSeconds(), rules.systemDefaultTimeoutSeconds(),
                rules.longTimeoutWarning(), rules.shortTimeoutWarning(), rules.greetingMaxBytes() / (1024 * 1024),
                rules.greetingMaxSeconds(), rules.legacyTextBackWarning(), MERGE_FIELDS, WEEKDAYS);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        Page page;
        try {
            page = pageValues();
        } catch (SettingsRules.UnavailableException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.TEXT_PLAIN)
                    .header("Retry-After", "5")
                    .entity("The settings page cannot be shown right now: " + e.getMessage() + ". Try again shortly.")
                    .build();
        }
        return Pages.html(Templates.businessProfile(page));
    }
}
