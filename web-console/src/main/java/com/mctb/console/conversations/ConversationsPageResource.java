package com.mctb.console.conversations;

import com.mctb.console.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The Conversations inbox ({@code /conversations?account=glow}): the account's conversations newest first with their
 * unread counts, a contact's thread (texts with their status and sender, calls, voicemails with a player and the
 * transcription) and the reply box. Holds no data: the script reads workflow-service's conversations API, plays the
 * gateway's voicemail audio and counts segments with messaging-service, all through the console's {@code /api}.
 */
@Path("/conversations")
public class ConversationsPageResource {

    /** How often the page looks for new messages: a new one shows within this plus one round trip. */
    static final int POLL_MILLIS = 2000;

    private static final String ASSETS_VERSION = Pages.assetsVersion(List.of(
            "META-INF/resources/conversations/conversations.js", "META-INF/resources/conversations/conversations.css",
            "META-INF/resources/settings/business-profile.css"));

    /** What the template shows besides the account's data. */
    public record Page(String assetsVersion, int pollMillis, int maxCharacters) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance conversations(Page page);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return Pages.html(Templates.conversations(new Page(ASSETS_VERSION, POLL_MILLIS, 1600)));
    }
}
