package com.mctb.settings.rest;

import com.mctb.settings.domain.CallTimeout;
import com.mctb.settings.domain.audio.GreetingAudio;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import java.util.zip.CRC32;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Business Profile page with its Call &amp; Voicemail Settings, for one account ({@code ?account=glow}). The page
 * holds no account data and needs no credential: it asks for the account's bearer token (kept in the tab's
 * sessionStorage) and reads and saves everything through this service's own {@code /api}, which checks it. What the
 * rules are (timeout range and advice, greeting limits, the legacy toggle's warning) is written into it from the
 * classes that enforce them.
 */
@Path("/settings/business-profile")
@Tag(name = "Settings page")
public class BusinessProfilePageResource {

    /** The zones a business may pick: the regions' cities and UTC, without the old aliases (US/Eastern, EST5EDT). */
    private static final List<String> TIME_ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(zone -> zone.equals("UTC") || zone.matches("^(Africa|America|Antarctica|Asia|Atlantic|Australia"
                    + "|Europe|Indian|Pacific)/[A-Za-z_/-]+$"))
            .sorted()
            .toList();

    private static final List<String> ASSETS = List.of("META-INF/resources/settings/business-profile.js",
            "META-INF/resources/settings/business-profile.css");

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

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

    static final Page PAGE = new Page(assetsVersion(), TIME_ZONES, CallTimeout.MIN_SECONDS, CallTimeout.MAX_SECONDS,
            CallTimeout.RECOMMENDED_MIN_SECONDS, CallTimeout.RECOMMENDED_MAX_SECONDS, CallTimeout.SYSTEM_DEFAULT_SECONDS,
            CallTimeout.warning(CallTimeout.RECOMMENDED_MAX_SECONDS + 1).orElseThrow(),
            CallTimeout.warning(CallTimeout.RECOMMENDED_MIN_SECONDS - 1).orElseThrow(),
            GreetingAudio.MAX_BYTES / (1024 * 1024), GreetingAudio.MAX_DURATION.toSeconds(),
            LegacyTextBackResource.WHAT_IT_DOES,
            List.of(new MergeField("First name", "{{contact.first_name | default: \"there\"}}"),
                    new MergeField("Last name", "{{contact.last_name}}"),
                    new MergeField("Caller's number", "{{contact.phone}}"),
                    new MergeField("Business name", "{{business.name}}"),
                    new MergeField("Number called", "{{call.to}}")),
            java.util.Arrays.stream(java.time.DayOfWeek.values())
                    .map(day -> new Weekday(day.name().toLowerCase(java.util.Locale.ROOT),
                            day.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.US)))
                    .toList());

    /**
     * A checksum of the script and stylesheet, put in their URLs: browsers cache static files for a day, and a page
     * must never run with last release's script.
     */
    private static String assetsVersion() {
        CRC32 checksum = new CRC32();
        for (String asset : ASSETS) {
            try (InputStream in = BusinessProfilePageResource.class.getClassLoader().getResourceAsStream(asset)) {
                if (in == null) {
                    throw new IllegalStateException(asset + " is missing from the build");
                }
                checksum.update(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Long.toHexString(checksum.getValue());
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The Business Profile page: Call & Voicemail Settings, hours, the text-back workflow",
            description = "Open as /settings/business-profile?account=ID; the page asks for the account's token.")
    public Response page() {
        return Response.ok(Templates.businessProfile(PAGE))
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache")
                .build();
    }
}
