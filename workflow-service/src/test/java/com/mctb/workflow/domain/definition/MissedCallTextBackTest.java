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
                        .allSatisfy(s -> assertThat(((Step.SendText) s).channel()).isEqualTo(channel));
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
                "Hi {{contact.first_name | default: \"there\"}}, sorry we missed your call at {{business.name}}. How can we help?");
        assertThat(inHours.body().render(new MergeFields("Dana", null, null, "Glow Aesthetics", null)))
                .isEqualTo("Hi Dana, sorry we missed your call at Glow Aesthetics. How can we help?");
    }

    @Test
    void variantsAreReadFromTheirJsonNames() {
        assertThat(MissedCallTextBack.Variant.fromJson(null)).contains(MissedCallTextBack.Variant.IMMEDIATE);
        assertThat(MissedCallTextBack.Variant.fromJson("wait-20-minutes")).contains(MissedCallTextBack.Variant.WAIT_20_MINUTES);
        assertThat(MissedCallTextBack.Variant.fromJson("tomorrow")).isEmpty();
    }
}
