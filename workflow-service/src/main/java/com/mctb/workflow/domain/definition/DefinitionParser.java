package com.mctb.workflow.domain.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.workflow.domain.merge.MergeTemplate;
import com.mctb.workflow.domain.merge.TemplateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a workflow definition document:
 *
 * <pre>
 * {
 *   "name": "Missed Call Text Back",
 *   "trigger": {"type": "missed_call", "numbers": ["+15557654321"], "dialStatuses": ["no-answer", "busy"],
 *               "voicemail": "any" | "left" | "not_left"},
 *   "when": "always" | "during_business_hours" | "outside_business_hours",
 *   "repeatWindow": "24h",                                          (1 hour to 90 days; absent: 24 hours)
 *   "textAlongside": false,
 *   "allowReEntry": false,
 *   "endOnReply": true,
 *   "steps": [
 *     {"id": "wait", "type": "wait", "duration": "PT20M"}            (or "until": "business_hours_open")
 *     {"type": "if", "condition": {"type": "lacks_tag", "tag": "1st call"}, "then": [...], "else": [...]}
 *     {"type": "add_tag", "tag": "1st call"}, {"type": "remove_tag", "tag": "..."}
 *     {"type": "send_sms", "from": "+15557654321", "body": "Hi {{contact.first_name | default: \"there\"}}"}
 *     {"type": "send_whatsapp", "body": "...", "smsFallback": true}
 *     {"type": "send_text", "channels": ["SMS", "WHATSAPP"], "body": "..."}      (both: one text on each)
 *     {"type": "end"}
 *   ]
 * }
 * </pre>
 *
 * Conditions: {@code within_business_hours}, {@code outside_business_hours}, {@code has_tag} / {@code lacks_tag}
 * ({@code tag}), {@code call_count} ({@code inLastHours}, {@code atLeast} and/or {@code atMost}),
 * {@code within_repeat_window} (the caller was texted within the workflow's repeat window). A step without an
 * {@code id} is given one from its place ({@code step-2}, {@code step-2-then-1}). Every problem is reported at once,
 * each with its JSON path and the step's id; unknown fields are problems too, so a misspelt key is not silently
 * ignored.
 */
public final class DefinitionParser {

    public static final int MAX_STEPS = 200;
    public static final int MAX_DEPTH = 8;
    public static final int MAX_BODY_CHARACTERS = 1_600;
    public static final int MAX_TAG_CHARACTERS = 50;
    public static final String UNTIL_BUSINESS_HOURS_OPEN = "business_hours_open";

    private static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,59}");
    private static final List<String> STEP_TYPES = List.of("wait", "if", "add_tag", "remove_tag", "send_sms",
            "send_whatsapp", "send_text", "end");
    private static final List<String> CONDITION_TYPES = List.of("within_business_hours", "outside_business_hours",
            "has_tag", "lacks_tag", "call_count", "within_repeat_window");

    private final Set<String> ownedNumbers;
    private final List<Violation> violations = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private int stepCount;

    private DefinitionParser(Set<String> ownedNumbers) {
        this.ownedNumbers = ownedNumbers;
    }

    /**
     * @param ownedNumbers the account's numbers (E.164): a trigger or {@code from} naming another is refused; null
     *                     skips that check (reading a stored version, whose numbers were checked when it was saved)
     * @throws DefinitionException with every problem found
     */
    public static WorkflowDefinition parse(JsonNode document, Set<String> ownedNumbers) {
        DefinitionParser parser = new DefinitionParser(ownedNumbers);
        WorkflowDefinition definition = parser.definition(document);
        if (!parser.violations.isEmpty()) {
            throw new DefinitionException(parser.violations);
        }
        return definition;
    }

    private WorkflowDefinition definition(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            fail("", "a workflow definition must be a JSON object");
            return null;
        }
        unknownFields(doc, "", null, "name", "description", "trigger", "when", "repeatWindow", "textAlongside", "steps",
                "allowReEntry", "endOnReply");
        String name = text(doc, "name", "", null);
        if (name == null || name.isBlank()) {
            fail("name", "is required");
        } else if (name.length() > 100) {
            fail("name", "must be at most 100 characters");
        }
        String description = text(doc, "description", "", null);
        if (description != null && description.length() > 500) {
            fail("description", "must be at most 500 characters");
        }
        Trigger trigger = trigger(doc.get("trigger"));
        TextWhen when = TextWhen.ALWAYS;
        String whenText = text(doc, "when", "", null);
        if (whenText != null) {
            when = TextWhen.fromJson(whenText).orElse(null);
            if (when == null) {
                fail("when", "must be 'always', 'during_business_hours' or 'outside_business_hours'");
                when = TextWhen.ALWAYS;
            }
        }
        Duration repeatWindow = repeatWindow(doc);
        boolean textAlongside = bool(doc, "textAlongside", "", null, false);
        boolean allowReEntry = bool(doc, "allowReEntry", "", null, false);
        boolean endOnReply = bool(doc, "endOnReply", "", null, false);
        JsonNode stepsNode = doc.get("steps");
        List<Step> steps = List.of();
        if (stepsNode == null || stepsNode.isNull()) {
            fail("steps", "is required: a workflow needs at least one step");
        } else if (!stepsNode.isArray()) {
            fail("steps", "must be a list of steps");
        } else if (stepsNode.isEmpty()) {
            fail("steps", "must have at least one step");
        } else {
            steps = steps(stepsNode, "steps", "step", 1);
        }
        if (stepCount > MAX_STEPS) {
            fail("steps", "has " + stepCount + " steps; at most " + MAX_STEPS + " are allowed");
        }
        return new WorkflowDefinition(name == null ? "" : name.strip(), description, trigger, steps, allowReEntry,
                endOnReply, when, repeatWindow, textAlongside);
    }

    private Duration repeatWindow(JsonNode doc) {
        String text = text(doc, "repeatWindow", "", null);
        if (text == null) {
            return WorkflowDefinition.DEFAULT_REPEAT_WINDOW;
        }
        Optional<Duration> parsed = WaitDurations.parse(text);
        if (parsed.isEmpty()) {
            fail("repeatWindow", "'" + text + "' is not a duration (write \"24h\", \"7d\" or \"PT24H\")");
            return WorkflowDefinition.DEFAULT_REPEAT_WINDOW;
        }
        if (parsed.get().compareTo(WorkflowDefinition.SHORTEST_REPEAT_WINDOW) < 0
                || parsed.get().compareTo(WorkflowDefinition.LONGEST_REPEAT_WINDOW) > 0) {
            fail("repeatWindow", "'" + text + "' must be from 1 hour to 90 days");
            return WorkflowDefinition.DEFAULT_REPEAT_WINDOW;
        }
        return parsed.get();
    }

    private Trigger trigger(JsonNode node) {
        if (node == null || node.isNull()) {
            return Trigger.ANY_MISSED_CALL;
        }
        if (!node.isObject()) {
            fail("trigger", "must be an object, e.g. {\"type\": \"missed_call\"}");
            return Trigger.ANY_MISSED_CALL;
        }
        unknownFields(node, "trigger", null, "type", "numbers", "dialStatuses", "voicemail");
        String type = text(node, "type", "trigger", null);
        if (type != null && !type.equals("missed_call")) {
            fail("trigger.type", "unknown trigger '" + type + "'; the only trigger is 'missed_call'");
        }
        Set<String> numbers = new LinkedHashSet<>();
        JsonNode numbersNode = node.get("numbers");
        if (numbersNode != null && !numbersNode.isNull()) {
            if (!numbersNode.isArray()) {
                fail("trigger.numbers", "must be a list of the account's numbers");
            } else {
                for (int i = 0; i < numbersNode.size(); i++) {
                    String field = "trigger.numbers[" + i + "]";
                    ownedNumber(numbersNode.get(i), field, null).ifPresent(numbers::add);
                }
            }
        }
        Set<DialStatus> statuses = new LinkedHashSet<>();
        JsonNode statusNode = node.get("dialStatuses");
        if (statusNode != null && !statusNode.isNull()) {
            if (!statusNode.isArray()) {
                fail("trigger.dialStatuses", "must be a list of dial statuses");
            } else {
                for (int i = 0; i < statusNode.size(); i++) {
                    String value = statusNode.get(i).asText();
                    Optional<DialStatus> status = DialStatus.fromTwilio(value).filter(DialStatus::isMissed);
                    if (status.isEmpty()) {
                        fail("trigger.dialStatuses[" + i + "]", "'" + value + "' is not a missed-call dial status "
                                + "(no-answer, busy, failed, canceled)");
                    } else {
                        statuses.add(status.get());
                    }
                }
            }
        }
        Trigger.Voicemail voicemail = Trigger.Voicemail.ANY;
        String vm = text(node, "voicemail", "trigger", null);
        if (vm != null) {
            voicemail = Trigger.Voicemail.fromJson(vm).orElse(null);
            if (voicemail == null) {
                fail("trigger.voicemail", "must be 'any', 'left' or 'not_left'");
                voicemail = Trigger.Voicemail.ANY;
            }
        }
        return new Trigger(numbers, statuses, voicemail);
    }

    private List<Step> steps(JsonNode array, String path, String idPrefix, int depth) {
        if (depth > MAX_DEPTH) {
            fail(path, "is nested too deeply; at most " + MAX_DEPTH + " levels of 'if' are allowed");
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Step step = step(array.get(i), path + "[" + i + "]", idPrefix + "-" + (i + 1), depth);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    private Step step(JsonNode node, String path, String defaultId, int depth) {
        stepCount++;
        if (node == null || !node.isObject()) {
            fail(path, "a step must be an object with a 'type'");
            return null;
        }
        String id = text(node, "id", path, null);
        if (id == null) {
            id = defaultId;
        } else if (!STEP_ID.matcher(id).matches()) {
            fail(path + ".id", "'" + id + "' is not a step id: letters, digits, '-', '_', '.' or ':', at most 60");
        }
        if (!ids.add(id)) {
            fail(path + ".id", "step '" + id + "': another step has the same id");
        }
        String type = text(node, "type", path, id);
        if (type == null) {
            fail(path + ".type", "step '" + id + "': a step needs a 'type' (" + String.join(", ", STEP_TYPES) + ")");
            return null;
        }
        return switch (type) {
            case "wait" -> waitStep(node, path, id);
            case "if" -> ifStep(node, path, id, depth);
            case "add_tag", "remove_tag" -> tagStep(node, path, id, type);
            case "send_sms" -> sendStep(node, path, id, Channel.SMS);
            case "send_whatsapp" -> sendStep(node, path, id, Channel.WHATSAPP);
            case "send_text" -> sendStep(node, path, id, null);
            case "end" -> {
                unknownFields(node, path, id, "id", "type");
                yield new Step.End(id);
            }
            default -> {
                fail(path + ".type", "step '" + id + "': unknown step type '" + type + "' (known: "
                        + String.join(", ", STEP_TYPES) + ")");
                yield null;
            }
        };
    }

    private Step waitStep(JsonNode node, String path, String id) {
        unknownFields(node, path, id, "id", "type", "duration", "until");
        String duration = text(node, "duration", path, id);
        String until = text(node, "until", path, id);
        if ((duration == null) == (until == null)) {
            fail(path, "step '" + id + "': a wait needs either 'duration' (e.g. \"PT20M\" or \"20m\") or 'until': \""
                    + UNTIL_BUSINESS_HOURS_OPEN + "\"");
            return null;
        }
        if (until != null) {
            if (!until.equals(UNTIL_BUSINESS_HOURS_OPEN)) {
                fail(path + ".until", "step '" + id + "': a wait can only last until \"" + UNTIL_BUSINESS_HOURS_OPEN
                        + "\"");
                return null;
            }
            return new Step.Wait(id, null, true);
        }
        Optional<Duration> parsed = WaitDurations.parse(duration);
        if (parsed.isEmpty()) {
            fail(path + ".duration", "step '" + id + "': '" + duration + "' is not a duration (write \"PT20M\", "
                    + "\"20m\", \"2h\" or \"3d\")");
            return null;
        }
        Optional<String> range = WaitDurations.checkRange(parsed.get());
        if (range.isPresent()) {
            fail(path + ".duration", "step '" + id + "': '" + duration + "' " + range.get());
            return null;
        }
        return new Step.Wait(id, parsed.get(), false);
    }

    private Step ifStep(JsonNode node, String path, String id, int depth) {
        unknownFields(node, path, id, "id", "type", "condition", "then", "else");
        Condition condition = condition(node.get("condition"), path + ".condition", id);
        List<Step> then = branch(node.get("then"), path + ".then", id + "-then", id, depth);
        List<Step> otherwise = branch(node.get("else"), path + ".else", id + "-else", id, depth);
        return condition == null ? null : new Step.If(id, condition, then, otherwise);
    }

    private List<Step> branch(JsonNode node, String path, String idPrefix, String id, int depth) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            fail(path, "step '" + id + "': must be a list of steps");
            return List.of();
        }
        return steps(node, path, idPrefix, depth + 1);
    }

    private Condition condition(JsonNode node, String path, String id) {
        if (node == null || !node.isObject()) {
            fail(path, "step '" + id + "': an 'if' needs a condition object with a 'type' ("
                    + String.join(", ", CONDITION_TYPES) + ")");
            return null;
        }
        String type = text(node, "type", path, id);
        if (type == null) {
            fail(path + ".type", "step '" + id + "': the condition needs a 'type' ("
                    + String.join(", ", CONDITION_TYPES) + ")");
            return null;
        }
        switch (type) {
            case "within_business_hours" -> {
                unknownFields(node, path, id, "type");
                return new Condition.WithinBusinessHours();
            }
            case "outside_business_hours" -> {
                unknownFields(node, path, id, "type");
                return new Condition.OutsideBusinessHours();
            }
            case "has_tag", "lacks_tag" -> {
                unknownFields(node, path, id, "type", "tag");
                String tag = tag(node, path, id);
                return tag == null ? null : type.equals("has_tag") ? new Condition.HasTag(tag) : new Condition.LacksTag(tag);
            }
            case "call_count" -> {
                unknownFields(node, path, id, "type", "inLastHours", "atLeast", "atMost");
                Integer hours = integer(node, "inLastHours", path, id, 1, 24 * 365);
                Integer atLeast = integer(node, "atLeast", path, id, 0, 10_000);
                Integer atMost = integer(node, "atMost", path, id, 0, 10_000);
                if (node.get("inLastHours") == null) {
                    fail(path + ".inLastHours", "step '" + id + "': call_count needs 'inLastHours'");
                }
                if (node.get("atLeast") == null && node.get("atMost") == null) {
                    fail(path, "step '" + id + "': call_count needs 'atLeast' and/or 'atMost'");
                }
                if (atLeast != null && atMost != null && atLeast > atMost) {
                    fail(path, "step '" + id + "': 'atLeast' is more than 'atMost'");
                }
                return hours == null ? null : new Condition.CallCount(Duration.ofHours(hours), atLeast, atMost);
            }
            case "within_repeat_window" -> {
                unknownFields(node, path, id, "type");
                return new Condition.WithinRepeatWindow();
            }
            default -> {
                fail(path + ".type", "step '" + id + "': unknown condition '" + type + "' (known: "
                        + String.join(", ", CONDITION_TYPES) + ")");
                return null;
            }
        }
    }

    private Step tagStep(JsonNode node, String path, String id, String type) {
        unknownFields(node, path, id, "id", "type", "tag");
        String tag = tag(node, path, id);
        if (tag == null) {
            return null;
        }
        return type.equals("add_tag") ? new Step.AddTag(id, tag) : new Step.RemoveTag(id, tag);
    }

    private String tag(JsonNode node, String path, String id) {
        String tag = text(node, "tag", path, id);
        if (tag == null || tag.isBlank()) {
            fail(path + ".tag", "step '" + id + "': a tag is required");
            return null;
        }
        if (tag.strip().length() > MAX_TAG_CHARACTERS) {
            fail(path + ".tag", "step '" + id + "': a tag has at most " + MAX_TAG_CHARACTERS + " characters");
            return null;
        }
        return tag.strip();
    }

    /** @param channel null for {@code send_text}, whose {@code channels} say which */
    private Step sendStep(JsonNode node, String path, String id, Channel channel) {
        List<Channel> channels;
        if (channel == null) {
            unknownFields(node, path, id, "id", "type", "channels", "from", "body", "smsFallback");
            channels = channels(node, path, id);
            if (channels == null) {
                return null;
            }
        } else if (channel == Channel.WHATSAPP) {
            unknownFields(node, path, id, "id", "type", "from", "body", "smsFallback");
            channels = List.of(Channel.WHATSAPP);
        } else {
            unknownFields(node, path, id, "id", "type", "from", "body");
            channels = List.of(Channel.SMS);
        }
        Optional<String> from = Optional.empty();
        JsonNode fromNode = node.get("from");
        if (fromNode != null && !fromNode.isNull() && !"default".equals(fromNode.asText())) {
            from = ownedNumber(fromNode, path + ".from", id);
            if (from.isEmpty()) {
                return null;
            }
        }
        String body = text(node, "body", path, id);
        if (body == null || body.isBlank()) {
            fail(path + ".body", "step '" + id + "': a text needs a 'body'");
            return null;
        }
        if (body.length() > MAX_BODY_CHARACTERS) {
            fail(path + ".body", "step '" + id + "': a text has at most " + MAX_BODY_CHARACTERS + " characters");
            return null;
        }
        MergeTemplate template;
        try {
            template = MergeTemplate.parse(body);
        } catch (TemplateException e) {
            fail(path + ".body", "step '" + id + "': " + e.getMessage());
            return null;
        }
        boolean smsFallback = channels.equals(List.of(Channel.WHATSAPP)) && bool(node, "smsFallback", path, id, false);
        if (channels.size() > 1 && node.has("smsFallback")) {
            fail(path + ".smsFallback", "step '" + id + "': a text sent by SMS and WhatsApp both needs no SMS fallback");
        }
        return new Step.SendText(id, channels, from, template, smsFallback);
    }

    private List<Channel> channels(JsonNode node, String path, String id) {
        JsonNode array = node.get("channels");
        if (array == null || !array.isArray() || array.isEmpty()) {
            fail(path + ".channels", "step '" + id + "': send_text needs 'channels': [\"SMS\"], [\"WHATSAPP\"] or both");
            return null;
        }
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String value = array.get(i).asText();
            Channel c = "SMS".equals(value) ? Channel.SMS : "WHATSAPP".equals(value) ? Channel.WHATSAPP : null;
            if (c == null) {
                fail(path + ".channels[" + i + "]", "step '" + id + "': '" + value + "' is not 'SMS' or 'WHATSAPP'");
                return null;
            }
            if (channels.contains(c)) {
                fail(path + ".channels[" + i + "]", "step '" + id + "': " + value + " is named twice");
                return null;
            }
            channels.add(c);
        }
        // SMS first: its command keeps the step's own id.
        channels.sort(java.util.Comparator.comparing(Channel::ordinal));
        return List.copyOf(channels);
    }

    private Optional<String> ownedNumber(JsonNode node, String field, String id) {
        String prefix = id == null ? "" : "step '" + id + "': ";
        String raw = node == null || node.isNull() ? null : node.asText();
        Optional<String> e164 = node != null && node.isTextual() ? PhoneNumbers.toE164(raw) : Optional.empty();
        if (e164.isEmpty()) {
            fail(field, prefix + "'" + raw + "' is not a phone number in E.164 (+15557654321)");
            return Optional.empty();
        }
        if (ownedNumbers != null && !ownedNumbers.contains(e164.get())) {
            fail(field, prefix + e164.get() + " is not one of the account's numbers"
                    + (ownedNumbers.isEmpty() ? " (none are known yet)" : " (" + String.join(", ", ownedNumbers) + ")"));
            return Optional.empty();
        }
        return e164;
    }

    private String text(JsonNode node, String name, String path, String id) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            fail(join(path, name), (id == null ? "" : "step '" + id + "': ") + "must be text");
            return null;
        }
        return value.asText();
    }

    private boolean bool(JsonNode node, String name, String path, String id, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            fail(join(path, name), (id == null ? "" : "step '" + id + "': ") + "must be true or false");
            return fallback;
        }
        return value.asBoolean();
    }

    private Integer integer(JsonNode node, String name, String path, String id, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            fail(join(path, name), "step '" + id + "': must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.asInt();
    }

    private void unknownFields(JsonNode node, String path, String id, String... known) {
        Set<String> allowed = Set.of(known);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                fail(join(path, name), (id == null ? "" : "step '" + id + "': ") + "unknown field '" + name
                        + "' (allowed: " + String.join(", ", known) + ")");
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private void fail(String field, String message) {
        violations.add(new Violation(field.isEmpty() ? "definition" : field, message));
    }
}
