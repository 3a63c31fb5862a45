package com.mctb.workflow.domain.definition;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.Channel;
import com.mctb.workflow.domain.merge.MergeFields;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MissedCallTextBackTest {

    @Test
    void everyVariantIsAValidDefinitionWithReEntryOffAndEndOnReplyOn() {
        for (MissedCallTextBack.Variant variant : MissedCallTextBack.Variant.values()) {
            for (Channel channel : Channel.values()) {
                WorkflowDefinition definition = DefinitionParser.parse(
                        MissedCallTextBack.definition(variant, channel, Optional.of("+15557654321")), Set.of("+15557654321"));
                assertThat(definition.allowReEntry()).isFalse();
                assertThat(definition.endOnReply()).isTrue();
                assertThat(definition.trigger()).isEqualTo(Trigger.ANY_MISSED_CALL);
                assertThat(definition.allSteps()).filteredOn(Step.SendText.class::isInstance).hasSize(2)
                        .allSatisfy(s -> assertThat(((Step.SendText) s).channels()).containsExactly(channel));
                assertThat(definition.steps().get(0) instanceof Step.Wait)
                        .isEqualTo(variant == MissedCallTextBack.Variant.WAIT_20_MINUTES);
            }
        }
    }

    @Test
    void itsInHoursTextForDanaAtGlowAestheticsIsTheSeedsText() {
        WorkflowDefinition definition = DefinitionParser.parse(MissedCallTextBack.definition(
                MissedCallTextBack.Variant.IMMEDIATE, Channel.SMS, Optional.empty()), Set.of());
        Step.SendText inHours = definition.allSteps().stream().filter(s -> s.id().equals("text-in-hours"))
                .map(Step.SendText.class::cast).findFirst().orElseThrow();

        assertThat(inHours.body().source()).isEqualTo(
                "Hi {{contact.first_name | default: \"there\"}}, sorry we missed your call at "
                        + "{{business.name | default: \"our business\"}}. How can we help?");
        assertThat(inHours.body().render(new MergeFields("Dana", null, null, "Glow Aesthetics", null)))
                .isEqualTo("Hi Dana, sorry we missed your call at Glow Aesthetics. How can we help?");
    }

    /** Never a broken text: each of the template's texts has a default for every merge field it names. */
    @Test
    void itsTextsCarryADefaultForEveryMergeField() {
        WorkflowDefinition definition = DefinitionParser.parse(MissedCallTextBack.definition(
                MissedCallTextBack.Variant.IMMEDIATE, Channel.SMS, Optional.empty()), Set.of());
        MergeFields nothing = new MergeFields(null, null, null, null, null);

        assertThat(definition.allSteps()).filteredOn(Step.SendText.class::isInstance).hasSize(2).allSatisfy(s -> {
            assertThat(((Step.SendText) s).body().missing(nothing)).isEmpty();
            assertThat(((Step.SendText) s).body().render(nothing)).startsWith("Hi there, ").doesNotContain(" .");
        });
    }

    /** When: always both texts; only during hours the in-hours text alone; only outside the after-hours text alone. */
    @Test
    void whenAndHowOftenAndHowAreTheDefinitionsSettings() {
        for (TextWhen when : TextWhen.values()) {
            WorkflowDefinition definition = DefinitionParser.parse(MissedCallTextBack.definition(
                    new MissedCallTextBack.Options(MissedCallTextBack.Variant.IMMEDIATE,
                            java.util.List.of(Channel.SMS, Channel.WHATSAPP), Optional.empty(), when,
                            java.time.Duration.ofDays(7))), Set.of());
            assertThat(definition.when()).isEqualTo(when);
            assertThat(definition.repeatWindow()).isEqualTo(java.time.Duration.ofDays(7));
            assertThat(definition.allSteps()).filteredOn(Step.SendText.class::isInstance)
                    .extracting(Step::id).containsExactly(switch (when) {
                        case ALWAYS -> new String[] {"text-in-hours", "text-after-hours"};
                        case DURING_BUSINESS_HOURS -> new String[] {"text-in-hours"};
                        case OUTSIDE_BUSINESS_HOURS -> new String[] {"text-after-hours"};
                    });
            assertThat(definition.allSteps()).filteredOn(Step.SendText.class::isInstance).allSatisfy(s ->
                    assertThat(((Step.SendText) s).channels()).containsExactly(Channel.SMS, Channel.WHATSAPP));
        }
    }

    @Test
    void overlappingWorkflowsAreThoseThatCanTakeTheSameCall() {
        WorkflowDefinition always = template(TextWhen.ALWAYS);
        WorkflowDefinition during = template(TextWhen.DURING_BUSINESS_HOURS);
        WorkflowDefinition outside = template(TextWhen.OUTSIDE_BUSINESS_HOURS);
        WorkflowDefinition tagsOnly = DefinitionParser.parse(com.mctb.workflow.domain.JsonTestSupport.json(
                "{\"name\": \"tags\", \"steps\": [{\"type\": \"add_tag\", \"tag\": \"x\"}]}"), Set.of());

        assertThat(Overlap.between(always, during)).contains("calls to any number inside business hours");
        assertThat(Overlap.between(during, outside)).isEmpty();
        assertThat(Overlap.between(outside, outside)).contains("calls to any number outside business hours");
        assertThat(Overlap.between(always, tagsOnly)).as("a workflow that does not text takes nothing").isEmpty();
        WorkflowDefinition alongside = new WorkflowDefinition("a", null, Trigger.ANY_MISSED_CALL, always.steps(), false,
                true, TextWhen.ALWAYS, always.repeatWindow(), true);
        assertThat(Overlap.between(always, alongside)).isEmpty();
        WorkflowDefinition otherNumber = new WorkflowDefinition("n", null, new Trigger(Set.of("+15550000001"),
                Set.of(), Trigger.Voicemail.ANY), always.steps(), false, true, TextWhen.ALWAYS, always.repeatWindow(),
                false);
        WorkflowDefinition thirdNumber = new WorkflowDefinition("m", null, new Trigger(Set.of("+15550000002"),
                Set.of(), Trigger.Voicemail.ANY), always.steps(), false, true, TextWhen.ALWAYS, always.repeatWindow(),
                false);
        assertThat(Overlap.between(otherNumber, always)).contains("calls to +15550000001");
        assertThat(Overlap.between(otherNumber, thirdNumber)).isEmpty();
    }

    @Test
    void aTemplateStoredBeforeTheRepeatWindowIsUpgradedKeepingItsVariantChannelNumberAndTexts() {
        com.fasterxml.jackson.databind.node.ObjectNode upgraded = MissedCallTextBack.upgraded(
                com.mctb.workflow.domain.JsonTestSupport.json(com.mctb.workflow.domain.JsonTestSupport.OLD_TEMPLATE)).orElseThrow();
        WorkflowDefinition definition = DefinitionParser.parse(upgraded, Set.of("+15557654321"));

        assertThat(definition.repeatWindow()).isEqualTo(java.time.Duration.ofHours(24));
        assertThat(definition.when()).isEqualTo(TextWhen.ALWAYS);
        assertThat(definition.steps().get(0)).isInstanceOf(Step.Wait.class);
        assertThat(((Step.If) definition.steps().get(1)).condition()).isEqualTo(new Condition.WithinRepeatWindow());
        assertThat(definition.allSteps()).filteredOn(Step.SendText.class::isInstance).map(s -> (Step.SendText) s)
                .extracting(s -> s.body().source(), Step.SendText::channels, Step.SendText::from)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Hi {{contact.first_name | default: 'friend'}}, we'll call you back!",
                                java.util.List.of(Channel.WHATSAPP), Optional.of("+15557654321")),
                        org.assertj.core.groups.Tuple.tuple("Closed now, back at 9.", java.util.List.of(Channel.WHATSAPP),
                                Optional.of("+15557654321")));
        assertThat(MissedCallTextBack.upgraded(upgraded)).as("already upgraded").isEmpty();
        assertThat(MissedCallTextBack.upgraded(com.mctb.workflow.domain.JsonTestSupport.json(
                "{\"name\": \"mine\", \"steps\": [{\"type\": \"send_sms\", \"body\": \"x\"}]}")))
                .as("not the template's shape").isEmpty();
    }

    private static WorkflowDefinition template(TextWhen when) {
        return DefinitionParser.parse(MissedCallTextBack.definition(new MissedCallTextBack.Options(
                MissedCallTextBack.Variant.IMMEDIATE, java.util.List.of(Channel.SMS), Optional.empty(), when,
                java.time.Duration.ofHours(24))), Set.of());
    }

    @Test
    void variantsAreReadFromTheirJsonNames() {
        assertThat(MissedCallTextBack.Variant.fromJson(null)).contains(MissedCallTextBack.Variant.IMMEDIATE);
        assertThat(MissedCallTextBack.Variant.fromJson("wait-20-minutes")).contains(MissedCallTextBack.Variant.WAIT_20_MINUTES);
        assertThat(MissedCallTextBack.Variant.fromJson("tomorrow")).isEmpty();
    }
}
