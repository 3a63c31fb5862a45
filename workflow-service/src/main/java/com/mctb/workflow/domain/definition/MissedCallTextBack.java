package com.mctb.workflow.domain.definition;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mctb.contracts.event.Channel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ready "Missed Call Text Back" workflow an account enables in one call. On a missed call: a caller not texted
 * within the repeat window (24 hours unless chosen) is tagged {@value #FIRST_CALL_TAG} (and loses
 * {@value #SECOND_CALL_TAG}) and texted — the in-hours text while the business is open, the after-hours text otherwise,
 * or only one of them when the workflow texts only during (or only outside) business hours; a caller texted within the
 * window is tagged {@value #SECOND_CALL_TAG} and not texted, so the tags describe the calls within the window. A text
 * that was refused or failed does not count as texted. Re-entry is off and a reply or an opt-out ends a waiting run.
 * The {@link Variant#WAIT_20_MINUTES} variant first waits 20 minutes (the seed's variant: the business may call back
 * first), during which redials do not enter again. The texts go by SMS, WhatsApp (falling back to SMS) or both.
 */
public final class MissedCallTextBack {

    public static final String TEMPLATE_ID = "missed-call-text-back";
    public static final String NAME = "Missed Call Text Back";
    public static final String FIRST_CALL_TAG = "1st call";
    public static final String SECOND_CALL_TAG = "2nd call";
    /** The template's texts carry defaults for every merge field, so they never go out with a gap. */
    public static final String IN_HOURS_BODY =
            "Hi {{contact.first_name | default: \"there\"}}, sorry we missed your call at "
                    + "{{business.name | default: \"our business\"}}. How can we help?";
    public static final String AFTER_HOURS_BODY =
            "Hi {{contact.first_name | default: \"there\"}}, thanks for calling {{business.name | default: \"us\"}}. "
                    + "We're closed right now; reply here and we'll get back to you as soon as we open.";

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
     * Everything the template is enabled with.
     *
     * @param channels     SMS, WhatsApp, or both (SMS first)
     * @param from         the number to text from; empty: the account's default number
     * @param when         every call, or only calls inside (or outside) business hours
     * @param repeatWindow a caller is texted at most once per this
     */
    public record Options(Variant variant, List<Channel> channels, Optional<String> from, TextWhen when,
            Duration repeatWindow) {

        public static final Options DEFAULT = new Options(Variant.IMMEDIATE, List.of(Channel.SMS), Optional.empty(),
                TextWhen.ALWAYS, WorkflowDefinition.DEFAULT_REPEAT_WINDOW);

        public Options {
            channels = channels.stream().distinct().sorted(java.util.Comparator.comparing(Channel::ordinal)).toList();
        }

        /** The options as one string, stored with the workflow: enabling it again just so changes nothing. */
        public String flavour() {
            return variant.json() + "/" + channels.stream().map(Channel::name).collect(Collectors.joining("+")) + "/"
                    + from.orElse("default") + "/" + when.json() + "/" + repeatWindow;
        }

        /**
         * Whether a template workflow stored with {@code flavour} was enabled with these options; one enabled before
         * "when" and the repeat window existed ("immediate/SMS/default") had the defaults of both.
         */
        public boolean sameAs(String stored) {
            return flavour().equals(stored) || (when == TextWhen.ALWAYS
                    && repeatWindow.equals(WorkflowDefinition.DEFAULT_REPEAT_WINDOW) && channels.size() == 1
                    && (variant.json() + "/" + channels.get(0) + "/" + from.orElse("default")).equals(stored));
        }

        /** "SMS", "WHATSAPP" or "BOTH". */
        public String channelName() {
            return channels.size() > 1 ? "BOTH" : channels.get(0).name();
        }
    }

    /**
     * A template workflow's document from before "when" and the repeat window (it tagged {@value #FIRST_CALL_TAG} for
     * ever, so a caller was never texted twice, even a year later) as the template is now: the same variant, channel,
     * number and texts (as the owner may have edited them), "always", once per 24 hours. Empty when the document
     * is already of the current template, or is not one of its shapes.
     */
    public static Optional<ObjectNode> upgraded(com.fasterxml.jackson.databind.JsonNode old) {
        if (old == null || old.has("repeatWindow") || !old.path("steps").isArray()) {
            return Optional.empty();
        }
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> texts = new java.util.HashMap<>();
        collectTexts(old.path("steps"), texts);
        com.fasterxml.jackson.databind.JsonNode inHours = texts.get("text-in-hours");
        if (inHours == null || !texts.containsKey("text-after-hours")) {
            return Optional.empty();
        }
        boolean waits = false;
        for (com.fasterxml.jackson.databind.JsonNode step : old.path("steps")) {
            waits |= "wait-20-minutes".equals(step.path("id").asText());
        }
        Channel channel = "send_whatsapp".equals(inHours.path("type").asText()) ? Channel.WHATSAPP : Channel.SMS;
        Optional<String> from = inHours.hasNonNull("from") ? Optional.of(inHours.get("from").asText()) : Optional.empty();
        ObjectNode doc = definition(new Options(waits ? Variant.WAIT_20_MINUTES : Variant.IMMEDIATE, List.of(channel),
                from, TextWhen.ALWAYS, WorkflowDefinition.DEFAULT_REPEAT_WINDOW));
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> fresh = new java.util.HashMap<>();
        collectTexts(doc.path("steps"), fresh);
        fresh.forEach((id, step) -> ((ObjectNode) step).put("body", texts.get(id).path("body").asText()));
        return Optional.of(doc);
    }

    private static void collectTexts(com.fasterxml.jackson.databind.JsonNode steps,
            java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> into) {
        for (com.fasterxml.jackson.databind.JsonNode step : steps) {
            if (step.path("type").asText().startsWith("send_")) {
                into.put(step.path("id").asText(), step);
            }
            collectTexts(step.path("then"), into);
            collectTexts(step.path("else"), into);
        }
    }

    /** The definition document (see {@link DefinitionParser}). */
    public static ObjectNode definition(Variant variant, Channel channel, Optional<String> from) {
        return definition(new Options(variant, List.of(channel), from, TextWhen.ALWAYS,
                WorkflowDefinition.DEFAULT_REPEAT_WINDOW));
    }

    /** The definition document (see {@link DefinitionParser}). */
    public static ObjectNode definition(Options options) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        boolean waits = options.variant() == Variant.WAIT_20_MINUTES;
        ObjectNode doc = json.objectNode();
        doc.put("name", NAME + (waits ? " (after 20 minutes)" : ""));
        String window = WaitDurations.describe(options.repeatWindow());
        doc.put("description", "On a missed call: a caller not texted in the last " + window + " is tagged '"
                + FIRST_CALL_TAG + "' and texted" + switch (options.when()) {
                    case ALWAYS -> " (in-hours or after-hours text)";
                    case DURING_BUSINESS_HOURS -> " while the business is open";
                    case OUTSIDE_BUSINESS_HOURS -> " while the business is closed";
                } + "; a caller texted in the last " + window + " gets '" + SECOND_CALL_TAG + "' and no text."
                + (waits ? " Waits 20 minutes first." : ""));
        doc.putObject("trigger").put("type", "missed_call");
        doc.put("when", options.when().json());
        doc.put("repeatWindow", options.repeatWindow().toString());
        doc.put("textAlongside", false);
        doc.put("allowReEntry", false);
        doc.put("endOnReply", true);
        ArrayNode steps = doc.putArray("steps");
        if (waits) {
            steps.addObject().put("id", "wait-20-minutes").put("type", "wait").put("duration", "PT20M");
        }
        ObjectNode repeat = steps.addObject().put("id", "repeat-caller").put("type", "if");
        repeat.putObject("condition").put("type", "within_repeat_window");
        repeat.putArray("then").addObject().put("id", "tag-second-call").put("type", "add_tag")
                .put("tag", SECOND_CALL_TAG);
        ArrayNode first = repeat.putArray("else");
        first.addObject().put("id", "untag-second-call").put("type", "remove_tag").put("tag", SECOND_CALL_TAG);
        first.addObject().put("id", "tag-first-call").put("type", "add_tag").put("tag", FIRST_CALL_TAG);
        switch (options.when()) {
            case DURING_BUSINESS_HOURS -> first.add(send("text-in-hours", IN_HOURS_BODY, options));
            case OUTSIDE_BUSINESS_HOURS -> first.add(send("text-after-hours", AFTER_HOURS_BODY, options));
            case ALWAYS -> {
                ObjectNode inHours = first.addObject().put("id", "in-hours").put("type", "if");
                inHours.putObject("condition").put("type", "within_business_hours");
                inHours.putArray("then").add(send("text-in-hours", IN_HOURS_BODY, options));
                inHours.putArray("else").add(send("text-after-hours", AFTER_HOURS_BODY, options));
            }
            default -> throw new IllegalStateException();
        }
        return doc;
    }

    private static ObjectNode send(String id, String body, Options options) {
        ObjectNode step = JsonNodeFactory.instance.objectNode().put("id", id);
        List<Channel> channels = options.channels();
        if (channels.size() > 1) {
            step.put("type", "send_text");
            ArrayNode names = step.putArray("channels");
            channels.forEach(c -> names.add(c.name()));
        } else {
            step.put("type", channels.get(0) == Channel.WHATSAPP ? "send_whatsapp" : "send_sms");
        }
        options.from().ifPresent(number -> step.put("from", number));
        step.put("body", body);
        if (channels.equals(List.of(Channel.WHATSAPP))) {
            // A first-time caller rarely has an open WhatsApp session: let the text go as SMS rather than not at all.
            step.put("smsFallback", true);
        }
        return step;
    }
}
