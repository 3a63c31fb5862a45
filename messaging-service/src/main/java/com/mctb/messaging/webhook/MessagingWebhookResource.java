package com.mctb.messaging.webhook;

import com.mctb.contracts.event.Channel;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.kit.kafka.Failures;
import com.mctb.kit.twilio.TwilioNumberHolders;
import com.mctb.kit.twilio.TwilioSigned;
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.metrics.MessagingMetrics;
import com.mctb.messaging.persistence.BusinessProfiles;
import com.mctb.messaging.service.DeliveryStatuses;
import com.mctb.messaging.service.InboundTexts;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Twilio's messaging webhooks: message status callbacks and inbound texts. Both are {@link TwilioSigned}: service-kit's
 * filter checks X-Twilio-Signature first, against the token of the Twilio account that holds our number (403, and
 * nothing recorded, when it fails or the webhook names another account); {@link Holders} tells it which number that
 * is. Answers are TwiML or a 4xx for what cannot be a Twilio request; when the database is away, 503 so Twilio may
 * try again. Never a 500 or a stack trace.
 */
@Path("/twilio/messaging")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_XML)
@TwilioSigned
public class MessagingWebhookResource {

    private static final Logger LOG = Logger.getLogger(MessagingWebhookResource.class);
    private static final Pattern MESSAGE_SID = Pattern.compile("^(SM|MM)[0-9a-fA-F]{32}$");
    private static final String EMPTY = new MessagingResponse.Builder().build().toXml();

    @Inject
    DeliveryStatuses statuses;

    @Inject
    InboundTexts inbound;

    @Inject
    MessagingMetrics metrics;

    /** A text of ours moved on: queued, sent, delivered, undelivered, failed (in any order). */
    @POST
    @Path("status")
    public Response status(@QueryParam("m") String ourId, MultivaluedMap<String, String> form) {
        return handled("status", () -> {
            String sid = form.getFirst("MessageSid");
            if (sid == null || !MESSAGE_SID.matcher(sid).matches()) {
                return badRequest("status", "MessageSid is missing or not a Twilio message SID (SM/MM + 32 hex digits)");
            }
            String rawStatus = Optional.ofNullable(form.getFirst("MessageStatus")).orElse(form.getFirst("SmsStatus"));
            Optional<MessageStatus> reported = MessageStatus.fromTwilio(rawStatus);
            if (reported.isEmpty()) {
                return badRequest("status", "MessageStatus '" + rawStatus + "' is not a status of an outgoing message");
            }
            DeliveryStatuses.Result result = statuses.apply(sid, reported.get(), integer(form.getFirst("ErrorCode")),
                    uuid(ourId));
            metrics.webhook("status", switch (result) {
                case CHANGED -> "ok";
                case UNCHANGED -> "stale";
                case UNKNOWN_MESSAGE -> "unknown-message";
            });
            return twiml(EMPTY);
        });
    }

    /** A contact texted one of the accounts' numbers. */
    @POST
    @Path("inbound")
    public Response inbound(MultivaluedMap<String, String> form) {
        return handled("inbound", () -> {
            String sid = form.getFirst("MessageSid");
            if (sid == null || !MESSAGE_SID.matcher(sid).matches()) {
                return badRequest("inbound", "MessageSid is missing or not a Twilio message SID (SM/MM + 32 hex digits)");
            }
            String rawFrom = form.getFirst("From");
            String rawTo = form.getFirst("To");
            if (rawFrom == null || rawTo == null) {
                return badRequest("inbound", "From and To are required");
            }
            Channel channel = rawFrom.startsWith("whatsapp:") ? Channel.WHATSAPP : Channel.SMS;
            Optional<String> from = PhoneNumbers.toE164(rawFrom.replaceFirst("^whatsapp:", ""));
            Optional<String> to = PhoneNumbers.toE164(rawTo.replaceFirst("^whatsapp:", ""));
            if (from.isEmpty() || to.isEmpty()) {
                return badRequest("inbound", "From and To must be phone numbers in E.164");
            }
            String body = Optional.ofNullable(form.getFirst("Body")).orElse("");
            InboundTexts.Answer answer = inbound.received(sid, form.getFirst("AccountSid"), channel, from.get(), to.get(), body);
            metrics.webhook("inbound", answer.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            if (answer.reply() == null) {
                return twiml(EMPTY);
            }
            return twiml(new MessagingResponse.Builder()
                    .message(new Message.Builder().body(new Body.Builder(answer.reply()).build()).build())
                    .build().toXml());
        });
    }

    /** Handles a checked webhook; the database away: 503, so Twilio tries again. */
    private Response handled(String endpoint, Supplier<Response> handle) {
        try {
            return handle.get();
        } catch (RuntimeException e) {
            LOG.errorf("%s webhook failed: %s", endpoint, Failures.describe(e));
            metrics.webhook(endpoint, "unavailable");
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.TEXT_PLAIN)
                    .header("Retry-After", "10").entity("temporarily unable to record this webhook; retry").build();
        }
    }

    /**
     * Which Twilio account holds the number a messaging webhook is about (To of an inbound text, From of a status
     * callback of ours): BusinessProfileChanged.twilioAccountSid of the account owning it, none there: the platform's
     * main account. A number no account has is checked by the account the webhook names, among those configured.
     */
    @ApplicationScoped
    public static class Holders implements TwilioNumberHolders {

        @Inject
        BusinessProfiles profiles;

        @Override
        public Optional<Holder> holderOf(Webhook webhook) {
            String raw = webhook.field("status".equals(webhook.endpoint()) ? "From" : "To");
            String number = raw == null ? null : PhoneNumbers.toE164(raw.replaceFirst("^whatsapp:", "")).orElse(null);
            return number == null ? Optional.empty()
                    : profiles.holderOf(number).map(h -> new Holder(number, h.twilioAccountSid()));
        }
    }

    private Response badRequest(String endpoint, String problem) {
        metrics.webhook(endpoint, "bad-request");
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN).entity(problem).build();
    }

    private static Response twiml(String xml) {
        return Response.ok(xml, MediaType.APPLICATION_XML).build();
    }

    private static Integer integer(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
