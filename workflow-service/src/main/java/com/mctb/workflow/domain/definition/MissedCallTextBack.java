package com.mctb.workflow.domain.definition;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mctb.contracts.event.Channel;
import java.util.Locale;
import java.util.Optional;

/**
 * The ready "Missed Call Text Back" workflow an account enables in one call. On a missed call: a contact without the
 * tag {@value #FIRST_CALL_TAG} gets it and a text (the in-hours text while the business is open, the after-hours
 * text otherwise); a contact who has it gets {@value #SECOND_CALL_TAG} and no text. Re-entry is off and a reply or
 * an opt-out ends a waiting run. The {@link Variant#WAIT_20_MINUTES} variant first waits 20 minutes (the seed's
 * variant: the business may call back first), during which redials do not enter again.
 */
public final class MissedCallTextBack {

    public static final String TEMPLATE_ID = "missed-call-text-back";
    public static final String NAME = "Missed Call Text Back";
    public static final String FIRST_CALL_TAG = "1st call";
    public static final String SECOND_CALL_TAG = "2nd call";
    public static final String IN_HOURS_BODY =
            "Hi {{contact.first_name | default: \"there\"}}, sorry we missed your call at {{business.name}}. How can we help?";
    public static final String AFTER_HOURS_BODY =
            "Hi {{contact.first_name | default: \"there\"}}, thanks for calling {{business.name}}. We're closed right "
                    + "now; reply here and we'll get back to you as soon as we open.";

    private MissedCallTextBack() {
    }

    /** The variants the template comes in. */
    public enum Variant {
        IMMEDIATE("immediate"),
        WAIT_20_MINUTES("wait-20-minutes");

        private final String json;

        Variant(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }

        public static Optional<Variant> fromJson(String value) {
            if (value == null) {
                return Optional.of(IMMEDIATE);
            }
            String v = value.strip().toLowerCase(Locale.ROOT);
            for (Variant variant : values()) {
                if (variant.json.equals(v)) {
                    return Optional.of(variant);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The definition document (see {@link DefinitionParser}).
     *
     * @param from the number to text from; empty: the account's default number
     */
    public static ObjectNode definition(Variant variant, Channel channel, Optional<String> from) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode doc = json.objectNode();
        doc.put("name", NAME + (variant == Variant.WAIT_20_MINUTES ? " (after 20 minutes)" : ""));
        doc.put("description", "On a missed call: a first-time caller is tagged '" + FIRST_CALL_TAG
                + "' and texted (in-hours or after-hours text); a caller already tagged gets '" + SECOND_CALL_TAG
                + "' and no text." + (variant == Variant.WAIT_20_MINUTES ? " Waits 20 minutes first." : ""));
        doc.putObject("trigger").put("type", "missed_call");
        doc.put("allowReEntry", false);
        doc.put("endOnReply", true);
        ArrayNode steps = doc.putArray("steps");
        if (variant == Variant.WAIT_20_MINUTES) {
            steps.addObject().put("id", "wait-20-minutes").put("type", "wait").put("duration", "PT20M");
        }
        ObjectNode firstCall = steps.addObject().put("id", "first-call").put("type", "if");
        firstCall.putObject("condition").put("type", "lacks_tag").put("tag", FIRST_CALL_TAG);
        ArrayNode then = firstCall.putArray("then");
        then.addObject().put("id", "tag-first-call").put("type", "add_tag").put("tag", FIRST_CALL_TAG);
        ObjectNode inHours = then.addObject().put("id", "in-hours").put("type", "if");
        inHours.putObject("condition").put("type", "within_business_hours");
        inHours.putArray("then").add(send("text-in-hours", IN_HOURS_BODY, channel, from));
        inHours.putArray("else").add(send("text-after-hours", AFTER_HOURS_BODY, channel, from));
        firstCall.putArray("else").addObject().put("id", "tag-second-call").put("type", "add_tag")
                .put("tag", SECOND_CALL_TAG);
        return doc;
    }

    private static ObjectNode send(String id, String body, Channel channel, Optional<String> from) {
        ObjectNode step = JsonNodeFactory.instance.objectNode().put("id", id)
                .put("type", channel == Channel.WHATSAPP ? "send_whatsapp" : "send_sms");
        from.ifPresent(number -> step.put("from", number));
        step.put("body", body);
        if (channel == Channel.WHATSAPP) {
            // A first-time caller rarely has an open WhatsApp session: let the text go as SMS rather than not at all.
            step.put("smsFallback", true);
        }
        return step;
    }
}
