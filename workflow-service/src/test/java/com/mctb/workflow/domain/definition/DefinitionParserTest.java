package com.mctb.workflow.domain.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.DialStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefinitionParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OWNED = Set.of("+15557654321", "+15557650000");

    @Test
    void readsAFullDefinition() {
        WorkflowDefinition definition = DefinitionParser.parse(json("""
                {"name": " After-hours follow-up ", "allowReEntry": true, "endOnReply": true,
                 "trigger": {"type": "missed_call", "numbers": ["+15557654321"], "dialStatuses": ["no-answer", "busy"],
                             "voicemail": "left"},
                 "steps": [
                   {"type": "wait", "duration": "20m"},
                   {"id": "closed", "type": "if", "condition": {"type": "outside_business_hours"},
                    "then": [{"type": "wait", "until": "business_hours_open"}]},
                   {"type": "if", "condition": {"type": "call_count", "inLastHours": 24, "atLeast": 2},
                    "then": [{"type": "add_tag", "tag": " frequent "}, {"type": "end"}],
                    "else": [{"type": "remove_tag", "tag": "frequent"}]},
                   {"type": "send_whatsapp", "from": "+15557650000", "smsFallback": true,
                    "body": "Hi {{contact.first_name | default: \\"there\\"}}"},
                   {"type": "send_sms", "from": "default", "body": "Bye"}
                 ]}"""), OWNED);

        assertThat(definition.name()).isEqualTo("After-hours follow-up");
        assertThat(definition.allowReEntry()).isTrue();
        assertThat(definition.endOnReply()).isTrue();
        assertThat(definition.trigger().numbers()).containsExactly("+15557654321");
        assertThat(definition.trigger().dialStatuses()).containsExactlyInAnyOrder(DialStatus.NO_ANSWER, DialStatus.BUSY);
        assertThat(definition.trigger().voicemail()).isEqualTo(Trigger.Voicemail.LEFT);
        assertThat(definition.allSteps()).extracting(Step::id).containsExactly("step-1", "closed", "closed-then-1",
                "step-3", "step-3-then-1", "step-3-then-2", "step-3-else-1", "step-4", "step-5");
        assertThat(definition.steps().get(0)).isEqualTo(new Step.Wait("step-1", Duration.ofMinutes(20), false));
        assertThat(((Step.If) definition.steps().get(2)).condition())
                .isEqualTo(new Condition.CallCount(Duration.ofHours(24), 2, null));
        assertThat(((Step.AddTag) definition.allSteps().get(4)).tag()).isEqualTo("frequent");
        Step.SendText whatsapp = (Step.SendText) definition.steps().get(3);
        assertThat(whatsapp.channels()).containsExactly(Channel.WHATSAPP);
        assertThat(whatsapp.from()).contains("+15557650000");
        assertThat(whatsapp.smsFallback()).isTrue();
        assertThat(((Step.SendText) definition.steps().get(4)).from()).isEmpty();
    }

    @Test
    void readsWhenHowOftenAndAlongsideAndSendTextOnBothChannels() {
        WorkflowDefinition definition = DefinitionParser.parse(json("""
                {"name": "Both", "when": "outside_business_hours", "repeatWindow": "7d", "textAlongside": true,
                 "steps": [{"id": "again", "type": "if", "condition": {"type": "within_repeat_window"}},
                           {"id": "t", "type": "send_text", "channels": ["WHATSAPP", "SMS"], "body": "Hi"}]}"""),
                Set.of());

        assertThat(definition.when()).isEqualTo(TextWhen.OUTSIDE_BUSINESS_HOURS);
        assertThat(definition.repeatWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(definition.textAlongside()).isTrue();
        assertThat(((Step.If) definition.steps().get(0)).condition()).isEqualTo(new Condition.WithinRepeatWindow());
        Step.SendText both = (Step.SendText) definition.steps().get(1);
        assertThat(both.channels()).containsExactly(Channel.SMS, Channel.WHATSAPP);
        assertThat(both.textId(Channel.SMS)).isEqualTo("t");
        assertThat(both.textId(Channel.WHATSAPP)).isEqualTo("t:whatsapp");
    }

    /** A stored definition from before these settings existed reads as it did, with the documented window. */
    @Test
    void aDefinitionWithoutTheNewSettingsTextsAlwaysOncePerDayAndAlone() {
        WorkflowDefinition definition = DefinitionParser.parse(json("""
                {"name": "Old", "steps": [{"type": "send_sms", "body": "Hi"}]}"""), Set.of());

        assertThat(definition.when()).isEqualTo(TextWhen.ALWAYS);
        assertThat(definition.repeatWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(definition.textAlongside()).isFalse();
    }

    @Test
    void badWhenHowOftenAndChannelsAreNamed() {
        DefinitionException e = catchThrowableOfType(DefinitionException.class, () -> DefinitionParser.parse(json("""
                {"name": "Bad", "when": "at night", "repeatWindow": "30m",
                 "steps": [{"id": "a", "type": "send_text", "channels": ["SMS", "PIGEON"], "body": "x"},
                           {"id": "b", "type": "send_text", "body": "x"},
                           {"id": "c", "type": "send_text", "channels": ["SMS", "WHATSAPP"], "smsFallback": true,
                            "body": "x"}]}"""), Set.of()));

        assertThat(e.violations()).extracting(Violation::field).containsExactly("when", "repeatWindow",
                "steps[0].channels[1]", "steps[1].channels", "steps[2].smsFallback");
        assertThat(e.violations().get(1).message()).contains("from 1 hour to 90 days");
    }

    @Test
    void aMinimalDefinitionDefaultsToAnyMissedCallWithoutReEntry() {
        WorkflowDefinition definition = DefinitionParser.parse(json("""
                {"name": "Text back", "steps": [{"type": "send_sms", "body": "Hi"}]}"""), Set.of());

        assertThat(definition.trigger()).isEqualTo(Trigger.ANY_MISSED_CALL);
        assertThat(definition.allowReEntry()).isFalse();
        assertThat(definition.endOnReply()).isFalse();
    }

    @Test
    void anUnknownStepIsNamedWithItsPathAndId() {
        List<Violation> violations = violations("""
                {"name": "x", "steps": [{"type": "send_sms", "body": "Hi"}, {"id": "fax-them", "type": "send_fax"}]}""");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("steps[1].type");
            assertThat(v.message()).startsWith("step 'fax-them': unknown step type 'send_fax'")
                    .contains("wait, if, add_tag, remove_tag, send_sms, send_whatsapp, send_text, end");
        });
    }

    @Test
    void badDurationsAreRefused() {
        assertThat(violations("""
                {"name": "x", "steps": [{"type": "wait", "duration": "20 minutes"}]}"""))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("steps[0].duration");
                    assertThat(v.message()).isEqualTo("step 'step-1': '20 minutes' is not a duration (write \"PT20M\", "
                            + "\"20m\", \"2h\" or \"3d\")");
                });
        assertThat(violations("""
                {"name": "x", "steps": [{"id": "w", "type": "wait", "duration": "PT0.5S"}]}"""))
                .extracting(Violation::message).containsExactly("step 'w': 'PT0.5S' must be at least 1 second");
        assertThat(violations("""
                {"name": "x", "steps": [{"id": "w", "type": "wait", "duration": "P91D"}]}"""))
                .extracting(Violation::message).containsExactly("step 'w': 'P91D' must be at most 90 days");
        assertThat(violations("""
                {"name": "x", "steps": [{"id": "w", "type": "wait", "duration": "-PT5M"}]}"""))
                .extracting(Violation::message).containsExactly("step 'w': '-PT5M' must be at least 1 second");
        assertThat(violations("""
                {"name": "x", "steps": [{"id": "w", "type": "wait"}]}"""))
                .extracting(Violation::field).containsExactly("steps[0]");
        assertThat(violations("""
                {"name": "x", "steps": [{"id": "w", "type": "wait", "duration": "1h", "until": "business_hours_open"}]}"""))
                .extracting(Violation::field).containsExactly("steps[0]");
        assertThat(violations("""
                {"name": "x", "steps": [{"id": "w", "type": "wait", "until": "tuesday"}]}"""))
                .extracting(Violation::field).containsExactly("steps[0].until");
    }

    @Test
    void aBadTemplateIsNamedDeepInABranch() {
        List<Violation> violations = violations("""
                {"name": "x", "steps": [{"id": "first", "type": "if", "condition": {"type": "lacks_tag", "tag": "a"},
                  "then": [{"type": "send_sms", "body": "Hi {{contact.nickname}}"}],
                  "else": [{"id": "late", "type": "send_sms", "body": "Hi {{contact.first_name"}]}]}""");

        assertThat(violations).extracting(Violation::field).containsExactly("steps[0].then[0].body",
                "steps[0].else[0].body");
        assertThat(violations.get(0).message()).startsWith("step 'first-then-1': unknown merge field 'contact.nickname'");
        assertThat(violations.get(1).message()).isEqualTo("step 'late': '{{' at character 4 is not closed with '}}'");
    }

    @Test
    void aFromNumberTheAccountDoesNotOwnIsRefused() {
        List<Violation> violations = violations("""
                {"name": "x", "trigger": {"numbers": ["+15550009999"]},
                 "steps": [{"id": "text", "type": "send_sms", "from": "+15551112222", "body": "Hi"},
                           {"id": "text-2", "type": "send_sms", "from": "not a number", "body": "Hi"}]}""");

        assertThat(violations).extracting(Violation::field).containsExactly("trigger.numbers[0]", "steps[0].from",
                "steps[1].from");
        assertThat(violations.get(1).message()).startsWith("step 'text': +15551112222 is not one of the account's numbers");
        assertThat(violations.get(2).message()).contains("is not a phone number in E.164");
    }

    @Test
    void withoutKnownNumbersNoFromNumberCanBeChecked() {
        assertThat(DefinitionParserTest.violations("""
                {"name": "x", "steps": [{"id": "t", "type": "send_sms", "from": "+15557654321", "body": "Hi"}]}""",
                Set.of())).extracting(Violation::message)
                .containsExactly("step 't': +15557654321 is not one of the account's numbers (none are known yet)");
    }

    @Test
    void unknownFieldsAreRefusedRatherThanIgnored() {
        assertThat(violations("""
                {"name": "x", "reEntry": true, "steps": [{"id": "w", "type": "wait", "durations": "PT1M"}]}"""))
                .extracting(Violation::field).containsExactly("reEntry", "steps[0].durations", "steps[0]");
        assertThat(violations("""
                {"name": "x", "steps": [{"id": "t", "type": "send_sms", "body": "Hi", "smsFallback": true}]}"""))
                .extracting(Violation::field).containsExactly("steps[0].smsFallback");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<Violation> violations = violations("""
                {"steps": [{"id": "a", "type": "add_tag"}, {"id": "a", "type": "end"},
                           {"id": "c", "type": "if", "condition": {"type": "call_count", "inLastHours": 0}},
                           {"id": "d", "type": "if", "condition": {"type": "raining"}},
                           {"id": "e", "type": "if"},
                           {"id": "f", "type": "send_sms", "body": ""},
                           {"id": "bad id!", "type": "end"}],
                 "trigger": {"type": "inbound_text", "dialStatuses": ["completed"], "voicemail": "maybe"}}""");

        assertThat(violations).extracting(Violation::field).containsExactly(
                "name", "trigger.type", "trigger.dialStatuses[0]", "trigger.voicemail", "steps[0].tag",
                "steps[1].id", "steps[2].condition.inLastHours", "steps[2].condition", "steps[3].condition.type",
                "steps[4].condition", "steps[5].body", "steps[6].id");
    }

    @Test
    void stepsAreRequired() {
        assertThat(violations("{\"name\": \"x\"}")).extracting(Violation::field).containsExactly("steps");
        assertThat(violations("{\"name\": \"x\", \"steps\": []}")).extracting(Violation::message)
                .containsExactly("must have at least one step");
        assertThat(violations("[1, 2]")).extracting(Violation::message)
                .containsExactly("a workflow definition must be a JSON object");
        assertThat(violations("{\"name\": \"x\", \"steps\": [\"wait\"]}")).extracting(Violation::field)
                .containsExactly("steps[0]");
    }

    @Test
    void aDefinitionCannotNestOrGrowWithoutBound() {
        StringBuilder nested = new StringBuilder("{\"name\": \"deep\", \"steps\": [");
        int depth = DefinitionParser.MAX_DEPTH + 1;
        for (int i = 0; i < depth; i++) {
            nested.append("{\"type\": \"if\", \"condition\": {\"type\": \"within_business_hours\"}, \"then\": [");
        }
        nested.append("{\"type\": \"end\"}");
        nested.append("]}".repeat(depth)).append("]}");
        assertThat(violations(nested.toString())).extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("nested too deeply"));

        String many = "{\"name\": \"long\", \"steps\": [" + "{\"type\": \"end\"},".repeat(DefinitionParser.MAX_STEPS)
                + "{\"type\": \"end\"}]}";
        assertThat(violations(many)).extracting(Violation::message).containsExactly("has 201 steps; at most 200 are allowed");
    }

    @Test
    void waitDurationsReadBothForms() {
        assertThat(WaitDurations.parse("PT20M")).contains(Duration.ofMinutes(20));
        assertThat(WaitDurations.parse("p2d")).contains(Duration.ofDays(2));
        assertThat(WaitDurations.parse("45s")).contains(Duration.ofSeconds(45));
        assertThat(WaitDurations.parse("3 H")).contains(Duration.ofHours(3));
        assertThat(WaitDurations.parse("soon")).isEmpty();
        assertThat(WaitDurations.describe(Duration.ofMinutes(80))).isEqualTo("1 hour 20 minutes");
    }

    private static List<Violation> violations(String json) {
        return violations(json, OWNED);
    }

    private static List<Violation> violations(String json, Set<String> owned) {
        DefinitionException e = catchThrowableOfType(DefinitionException.class,
                () -> DefinitionParser.parse(json(json), owned));
        assertThat(e).as("the definition should have been refused").isNotNull();
        return e.violations();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
