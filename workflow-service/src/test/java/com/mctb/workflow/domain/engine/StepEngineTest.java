package com.mctb.workflow.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.hours.BusinessHours;
import com.mctb.contracts.hours.OpenInterval;
import com.mctb.workflow.domain.definition.DefinitionParser;
import com.mctb.workflow.domain.definition.MissedCallTextBack;
import com.mctb.workflow.domain.definition.WorkflowDefinition;
import com.mctb.workflow.domain.journey.JourneyKind;
import com.mctb.workflow.domain.merge.MergeFields;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Program TEMPLATE = program(MissedCallTextBack.definition(MissedCallTextBack.Variant.IMMEDIATE,
            Channel.SMS, Optional.empty()));
    private static final Instant A_MONDAY_MORNING_IN_NEW_YORK = Instant.parse("2026-03-09T14:00:00Z");

    @Test
    void aFirstCallIsTaggedAndTextedTheInHoursText() {
        Advance advance = StepEngine.advance(TEMPLATE, 0, context(A_MONDAY_MORNING_IN_NEW_YORK, nineToFive("America/New_York")));

        assertThat(advance.next()).isInstanceOf(Advance.Finished.class);
        assertThat(advance.tags()).containsExactly("1st call");
        assertThat(texts(advance)).singleElement().satisfies(text -> {
            assertThat(text.stepId()).isEqualTo("text-in-hours");
            assertThat(text.body()).isEqualTo("Hi Dana, sorry we missed your call at Glow Aesthetics. How can we help?");
            assertThat(text.channel()).isEqualTo(Channel.SMS);
            assertThat(text.from()).isEmpty();
        });
        assertThat(decisions(advance)).containsExactly(JourneyKind.NOT_TEXTED_RECENTLY, JourneyKind.WITHIN_HOURS);
    }

    @Test
    void aCallWithinTheRepeatWindowIsTaggedSecondCallAndNotTexted() {
        Advance advance = StepEngine.advance(TEMPLATE, 0, context(A_MONDAY_MORNING_IN_NEW_YORK,
                nineToFive("America/New_York")).withTags("1st call").textedAt(A_MONDAY_MORNING_IN_NEW_YORK.minus(
                Duration.ofHours(3))));

        assertThat(texts(advance)).isEmpty();
        assertThat(advance.tags()).containsExactly("1st call", "2nd call");
        assertThat(decisions(advance)).containsExactly(JourneyKind.TEXTED_RECENTLY);
        assertThat(advance.effects()).contains(new Effect.TagAdded("tag-second-call", "2nd call", true));
        assertThat(((Effect.Decision) advance.effects().get(0)).detail())
                .startsWith("texted 3 hours ago by 'Missed Call Text Back'").endsWith("window of 1 day");
    }

    /** "At most once per N" ends with N: the next call is a first call again, and its tags say so. */
    @Test
    void aCallAfterTheRepeatWindowIsTextedAgainAndTaggedFirstCallAgain() {
        Advance advance = StepEngine.advance(TEMPLATE, 0, context(A_MONDAY_MORNING_IN_NEW_YORK,
                nineToFive("America/New_York")).withTags("1st call", "2nd call", "vip").textedAt(
                A_MONDAY_MORNING_IN_NEW_YORK.minus(Duration.ofHours(25))));

        assertThat(texts(advance)).extracting(Effect.Text::stepId).containsExactly("text-in-hours");
        assertThat(advance.tags()).containsExactly("1st call", "vip");
        assertThat(decisions(advance)).containsExactly(JourneyKind.NOT_TEXTED_RECENTLY, JourneyKind.WITHIN_HOURS);
    }

    /** The window guards every text, not only the template's branch: a custom workflow's text is held back too. */
    @Test
    void aTextStepIsNotSentWithinTheRepeatWindowOfAnotherCallsText() {
        Program program = program(json("""
                {"name": "plain", "repeatWindow": "2h", "steps": [{"id": "t", "type": "send_sms", "body": "Hi"}]}"""));
        Instant call = A_MONDAY_MORNING_IN_NEW_YORK;

        Advance within = StepEngine.advance(program, 0, context(call, always()).textedAt(call.minus(Duration.ofMinutes(90))));
        Advance after = StepEngine.advance(program, 0, context(call, always()).textedAt(call.minus(Duration.ofMinutes(150))));

        assertThat(texts(within)).isEmpty();
        assertThat(decisions(within)).containsExactly(JourneyKind.REPEAT_WINDOW);
        assertThat(((Effect.Decision) within.effects().get(0)).detail()).contains("texted 1 hour 30 minutes ago")
                .endsWith("at most once per 2 hours");
        assertThat(texts(after)).hasSize(1);
    }

    /** A later call of the caller handled first (calls can arrive out of order) holds this one back too, and says so. */
    @Test
    void aTextOfALaterCallHandledFirstHoldsThisCallBack() {
        Program program = program(json("""
                {"name": "plain", "repeatWindow": "2h", "steps": [{"id": "t", "type": "send_sms", "body": "Hi"}]}"""));
        Instant call = A_MONDAY_MORNING_IN_NEW_YORK;

        Advance within = StepEngine.advance(program, 0, context(call, always()).textedAt(call.plus(Duration.ofMinutes(5))));
        Advance after = StepEngine.advance(program, 0, context(call, always()).textedAt(call.plus(Duration.ofMinutes(150))));

        assertThat(texts(within)).isEmpty();
        assertThat(((Effect.Decision) within.effects().get(0)).detail())
                .contains("texted for a call 5 minutes after this one by 'Missed Call Text Back'");
        assertThat(texts(after)).hasSize(1);
    }

    @Test
    void aTextIsNotSentWhenAnotherWorkflowTextsTheCall() {
        Advance advance = StepEngine.advance(TEMPLATE, 0, context(A_MONDAY_MORNING_IN_NEW_YORK,
                nineToFive("America/New_York")).takenBy("After-hours follow-up"));

        assertThat(texts(advance)).isEmpty();
        assertThat(decisions(advance)).containsExactly(JourneyKind.NOT_TEXTED_RECENTLY, JourneyKind.WITHIN_HOURS,
                JourneyKind.ANOTHER_WORKFLOW_TEXTS);
        assertThat(advance.tags()).as("its other steps still run").containsExactly("1st call");
    }

    @Test
    void bothChannelsSendOneTextEachSmsKeepingTheStepsId() {
        Program program = program(MissedCallTextBack.definition(new MissedCallTextBack.Options(
                MissedCallTextBack.Variant.IMMEDIATE, List.of(Channel.WHATSAPP, Channel.SMS), Optional.empty(),
                com.mctb.workflow.domain.definition.TextWhen.ALWAYS, Duration.ofHours(24))));

        Advance advance = StepEngine.advance(program, 0, context(A_MONDAY_MORNING_IN_NEW_YORK,
                nineToFive("America/New_York")));

        assertThat(texts(advance)).extracting(Effect.Text::stepId, Effect.Text::channel, Effect.Text::smsFallback)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("text-in-hours", Channel.SMS, false),
                        org.assertj.core.groups.Tuple.tuple("text-in-hours:whatsapp", Channel.WHATSAPP, false));
        assertThat(texts(advance)).extracting(Effect.Text::body).containsOnly(
                "Hi Dana, sorry we missed your call at Glow Aesthetics. How can we help?");
    }

    @Test
    void aMergeFieldWithNoValueAndNoDefaultKeepsTheTextFromGoingOutWithAGap() {
        Program program = program(json("""
                {"name": "gap", "steps": [{"id": "t", "type": "send_sms",
                  "body": "Hi {{contact.last_name}}, sorry we missed your call at {{business.name}}."}]}"""));

        Advance advance = StepEngine.advance(program, 0, context(A_MONDAY_MORNING_IN_NEW_YORK, always()));

        assertThat(texts(advance)).isEmpty();
        assertThat(decisions(advance)).containsExactly(JourneyKind.MISSING_MERGE_FIELD);
        assertThat(((Effect.Decision) advance.effects().get(0)).detail())
                .startsWith("not sent: {{contact.last_name}} has no value");
    }

    /**
     * A 22:30 call waits for 08:00 on the caller's (here the business's) wall clock, at the text step; resumed at
     * 08:00 the text goes. Across both DST changes 08:00 is 08:00 local, not the same UTC time as the night before.
     */
    @ParameterizedTest(name = "{0}: call at {1}, text at {2}")
    @CsvSource({
            // Sat 7 March 2026 22:30 EST; New York springs forward that night: Sun 08:00 EDT is 12:00Z.
            "America/New_York, 2026-03-08T03:30:00Z, 2026-03-08T12:00:00Z",
            // Sat 31 October 2026 22:30 EDT; New York falls back that night: Sun 08:00 EST is 13:00Z.
            "America/New_York, 2026-11-01T02:30:00Z, 2026-11-01T13:00:00Z",
            // Just after midnight: the same morning's 08:00. London, Sun 29 March 2026 00:30 GMT -> 08:00 BST = 07:00Z.
            "Europe/London, 2026-03-29T00:30:00Z, 2026-03-29T07:00:00Z"
    })
    void aTextInQuietHoursWaitsUntilTheyEndAcrossDst(String zone, String call, String textAt) {
        Program program = program(json("""
                {"name": "q", "steps": [{"id": "t", "type": "send_sms", "body": "Hi"}]}"""));
        FakeContext night = context(Instant.parse(call), BusinessHours.alwaysOpen(zone));

        Advance advance = StepEngine.advance(program, 0, night);

        assertThat(advance.next()).isEqualTo(new Advance.Waiting(0, Instant.parse(textAt), WaitKind.QUIET_HOURS, "t"));
        assertThat(texts(advance)).isEmpty();
        assertThat(decisions(advance)).containsExactly(JourneyKind.QUIET_HOURS);
        assertThat(((Effect.Decision) advance.effects().get(0)).detail()).contains("21:00–08:00")
                .contains("the business's time zone").endsWith("08:00 " + zone);
        Advance aMinuteEarly = StepEngine.advance(program, 0, night.at(Instant.parse(textAt).minusSeconds(60)));
        assertThat(aMinuteEarly.next()).isInstanceOf(Advance.Waiting.class);
        Advance resumed = StepEngine.advance(program, 0, night.at(Instant.parse(textAt)));
        assertThat(texts(resumed)).hasSize(1);
        assertThat(StepEngine.advance(program, 0, night.quiet(QuietHours.OFF)).effects()).hasSize(1);
    }

    /**
     * The same UTC time of day falls on either side of opening (09:00) once the clocks change: the branch follows the
     * business's wall clock, in two zones that change on different dates, in spring and in autumn.
     */
    @ParameterizedTest(name = "{0} at {1}: open={2}")
    @CsvSource({
            // New York springs forward on Sun 8 March 2026: 13:30Z is 08:30 EST on Friday, 09:30 EDT on Monday.
            "America/New_York, 2026-03-06T13:30:00Z, false",
            "America/New_York, 2026-03-09T13:30:00Z, true",
            // London springs forward on Sun 29 March 2026: 08:30Z is 08:30 GMT on Friday, 09:30 BST on Monday.
            "Europe/London, 2026-03-27T08:30:00Z, false",
            "Europe/London, 2026-03-30T08:30:00Z, true",
            // On 9 March New York has changed and London has not: 13:30Z is 09:30 in New York and 13:30 in London.
            "Europe/London, 2026-03-09T16:30:00Z, true",
            "Europe/London, 2026-03-09T17:30:00Z, false",
            // New York falls back on Sun 1 Nov 2026: 21:30Z is 17:30 EDT on Friday (closed), 16:30 EST on Monday.
            "America/New_York, 2026-10-30T21:30:00Z, false",
            "America/New_York, 2026-11-02T21:30:00Z, true",
            // London falls back on Sun 25 Oct 2026: 16:30Z is 17:30 BST on Friday (closed), 16:30 GMT on Monday.
            "Europe/London, 2026-10-23T16:30:00Z, false",
            "Europe/London, 2026-10-26T16:30:00Z, true"
    })
    void inHoursOrAfterHoursFollowsTheBusinessesWallClockAcrossDst(String zone, String at, boolean open) {
        Advance advance = StepEngine.advance(TEMPLATE, 0, context(Instant.parse(at), nineToFive(zone)));

        assertThat(texts(advance)).singleElement().satisfies(text -> {
            assertThat(text.stepId()).isEqualTo(open ? "text-in-hours" : "text-after-hours");
            assertThat(text.body()).startsWith(open ? "Hi Dana, sorry we missed your call" : "Hi Dana, thanks for calling");
        });
        assertThat(decisions(advance)).contains(open ? JourneyKind.WITHIN_HOURS : JourneyKind.OUTSIDE_HOURS);
    }

    @ParameterizedTest(name = "{0}: closed at {1}, opens at {2}")
    @CsvSource({
            // Friday 17:00 EST; Monday 09:00 is EDT after the change: 13:00Z, not 14:00Z.
            "America/New_York, 2026-03-06T22:00:00Z, 2026-03-09T13:00:00Z",
            // Friday 18:00 GMT; Monday 09:00 BST is 08:00Z.
            "Europe/London, 2026-03-27T18:00:00Z, 2026-03-30T08:00:00Z",
            // Saturday after New York falls back: Monday 09:00 EST is 14:00Z.
            "America/New_York, 2026-10-31T12:00:00Z, 2026-11-02T14:00:00Z"
    })
    void aWaitUntilOpeningEndsAtTheNextOpeningAcrossDst(String zone, String at, String opens) {
        Program program = program(json("""
                {"name": "w", "steps": [{"id": "until-open", "type": "wait", "until": "business_hours_open"},
                                         {"id": "text", "type": "send_sms", "body": "We're open"}]}"""));

        Advance advance = StepEngine.advance(program, 0, context(Instant.parse(at), nineToFive(zone)));

        assertThat(advance.next()).isEqualTo(new Advance.Waiting(1, Instant.parse(opens), WaitKind.BUSINESS_HOURS,
                "until-open"));
        assertThat(texts(advance)).isEmpty();
        Advance resumed = StepEngine.advance(program, 1, context(Instant.parse(opens), nineToFive(zone)));
        assertThat(texts(resumed)).extracting(Effect.Text::body).containsExactly("We're open");
    }

    @Test
    void aWaitUntilOpeningWhileOpenDoesNotWait() {
        Program program = program(json("""
                {"name": "w", "steps": [{"id": "until-open", "type": "wait", "until": "business_hours_open"},
                                         {"id": "text", "type": "send_sms", "body": "Hi"}]}"""));

        Advance advance = StepEngine.advance(program, 0, context(A_MONDAY_MORNING_IN_NEW_YORK,
                nineToFive("America/New_York")));

        assertThat(advance.next()).isInstanceOf(Advance.Finished.class);
        assertThat(texts(advance)).hasSize(1);
    }

    @Test
    void aBusinessThatNeverOpensEndsTheRunInsteadOfWaitingForever() {
        Program program = program(json("""
                {"name": "w", "steps": [{"id": "until-open", "type": "wait", "until": "business_hours_open"},
                                         {"id": "text", "type": "send_sms", "body": "Hi"}]}"""));
        BusinessHours never = new BusinessHours("UTC", Map.of(), List.of());

        Advance advance = StepEngine.advance(program, 0, context(A_MONDAY_MORNING_IN_NEW_YORK, never));

        assertThat(advance.next()).isInstanceOf(Advance.Finished.class);
        assertThat(texts(advance)).isEmpty();
        assertThat(decisions(advance)).containsExactly(JourneyKind.OUTSIDE_HOURS);
    }

    @Test
    void theTwentyMinuteVariantWaitsFromTheCallThenRunsTheRest() {
        Program program = program(MissedCallTextBack.definition(MissedCallTextBack.Variant.WAIT_20_MINUTES,
                Channel.WHATSAPP, Optional.of("+15557654321")));
        Instant call = A_MONDAY_MORNING_IN_NEW_YORK;

        Advance first = StepEngine.advance(program, 0, context(call, nineToFive("America/New_York")));

        assertThat(first.next()).isEqualTo(new Advance.Waiting(1, call.plus(Duration.ofMinutes(20)), WaitKind.DURATION,
                "wait-20-minutes"));
        assertThat(first.effects()).isEmpty();
        Advance rest = StepEngine.advance(program, 1, context(call.plus(Duration.ofMinutes(20)),
                nineToFive("America/New_York")));
        assertThat(texts(rest)).singleElement().satisfies(text -> {
            assertThat(text.channel()).isEqualTo(Channel.WHATSAPP);
            assertThat(text.smsFallback()).isTrue();
            assertThat(text.from()).contains("+15557654321");
        });
    }

    @Test
    void anOptedOutContactIsNotTextedAndTheDecisionSaysWhy() {
        Advance advance = StepEngine.advance(TEMPLATE, 0, context(A_MONDAY_MORNING_IN_NEW_YORK,
                nineToFive("America/New_York")).asOptedOut());

        assertThat(texts(advance)).isEmpty();
        assertThat(decisions(advance)).containsExactly(JourneyKind.NOT_TEXTED_RECENTLY, JourneyKind.WITHIN_HOURS,
                JourneyKind.OPTED_OUT);
        assertThat(advance.tags()).containsExactly("1st call");
    }

    @Test
    void callCountsDecideAndAnEndStepStopsTheRun() {
        Program program = program(json("""
                {"name": "c", "steps": [
                  {"id": "often", "type": "if", "condition": {"type": "call_count", "inLastHours": 2, "atLeast": 3},
                   "then": [{"id": "vip", "type": "add_tag", "tag": "urgent"}, {"id": "stop", "type": "end"}]},
                  {"id": "cold", "type": "remove_tag", "tag": "urgent"},
                  {"id": "text", "type": "send_sms", "body": "Hi"}]}"""));

        Advance thrice = StepEngine.advance(program, 0, context(A_MONDAY_MORNING_IN_NEW_YORK, always()).calls(3));
        Advance once = StepEngine.advance(program, 0, context(A_MONDAY_MORNING_IN_NEW_YORK, always()).calls(1)
                .withTags("urgent"));

        assertThat(decisions(thrice)).containsExactly(JourneyKind.CALL_COUNT_MET);
        assertThat(thrice.effects()).last().isEqualTo(new Effect.Ended("stop"));
        assertThat(texts(thrice)).isEmpty();
        assertThat(thrice.tags()).containsExactly("urgent");
        assertThat(decisions(once)).containsExactly(JourneyKind.CALL_COUNT_NOT_MET);
        assertThat(once.tags()).isEmpty();
        assertThat(once.effects()).contains(new Effect.TagRemoved("cold", "urgent", true));
        assertThat(texts(once)).hasSize(1);
        assertThat(((Effect.Decision) once.effects().get(0)).detail())
                .isEqualTo("1 missed call in the last 2 hours; wanted at least 3");
    }

    @Test
    void aTextThatRendersEmptyIsNotSent() {
        Program program = program(json("""
                {"name": "e", "steps": [{"id": "t", "type": "send_sms", "body": " {{contact.last_name | default: ' '}} "}]}"""));

        Advance advance = StepEngine.advance(program, 0, context(A_MONDAY_MORNING_IN_NEW_YORK, always()));

        assertThat(texts(advance)).isEmpty();
        assertThat(decisions(advance)).containsExactly(JourneyKind.EMPTY_TEXT);
    }

    @Test
    void reEntryIsRefusedWhileARunIsInFlightUnlessAllowed() {
        java.util.UUID run = java.util.UUID.randomUUID();

        assertThat(ReEntryPolicy.refusal(false, Optional.empty())).isEmpty();
        assertThat(ReEntryPolicy.refusal(false, Optional.of(run))).get().asString()
                .contains("already inside this workflow").contains(run.toString());
        assertThat(ReEntryPolicy.refusal(true, Optional.of(run))).isEmpty();
    }

    private static List<Effect.Text> texts(Advance advance) {
        return advance.effects().stream().filter(Effect.Text.class::isInstance).map(Effect.Text.class::cast).toList();
    }

    private static List<JourneyKind> decisions(Advance advance) {
        return advance.effects().stream().filter(Effect.Decision.class::isInstance)
                .map(e -> ((Effect.Decision) e).kind()).toList();
    }

    private static BusinessHours nineToFive(String zone) {
        Map<DayOfWeek, List<OpenInterval>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekly.put(day, List.of(OpenInterval.of("09:00", "17:00")));
        }
        return new BusinessHours(zone, weekly, List.of());
    }

    private static BusinessHours always() {
        return BusinessHours.alwaysOpen("UTC");
    }

    private static Program program(JsonNode document) {
        WorkflowDefinition definition = DefinitionParser.parse(document, Set.of("+15557654321"));
        return Program.compile(definition);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static FakeContext context(Instant now, BusinessHours hours) {
        return new FakeContext(now, hours, Set.of(), false, 1, List.of(), null, QuietHours.DEFAULT);
    }

    /** @param prior texts to this caller from other calls; {@code takenBy} another workflow that texts this call */
    private record FakeContext(Instant now, BusinessHours hours, Set<String> tags, boolean optedOut, int calls,
            List<PriorText> prior, String takenBy, QuietHours quietHours) implements RunContext {

        FakeContext withTags(String... t) {
            return new FakeContext(now, hours, new java.util.LinkedHashSet<>(List.of(t)), optedOut, calls, prior,
                    takenBy, quietHours);
        }

        FakeContext asOptedOut() {
            return new FakeContext(now, hours, tags, true, calls, prior, takenBy, quietHours);
        }

        FakeContext calls(int n) {
            return new FakeContext(now, hours, tags, optedOut, n, prior, takenBy, quietHours);
        }

        FakeContext textedAt(Instant at) {
            List<PriorText> more = new java.util.ArrayList<>(prior);
            more.add(new PriorText(at, "Missed Call Text Back", "CA0000000000000000000000000000prior"));
            return new FakeContext(now, hours, tags, optedOut, calls, more, takenBy, quietHours);
        }

        FakeContext takenBy(String workflow) {
            return new FakeContext(now, hours, tags, optedOut, calls, prior, workflow, quietHours);
        }

        FakeContext quiet(QuietHours q) {
            return new FakeContext(now, hours, tags, optedOut, calls, prior, takenBy, q);
        }

        FakeContext at(Instant moment) {
            return new FakeContext(moment, hours, tags, optedOut, calls, prior, takenBy, quietHours);
        }

        @Override
        public BusinessHours.Status openingAt(Instant at) {
            return hours.status(at);
        }

        @Override
        public String timeZone() {
            return hours.timeZone();
        }

        @Override
        public int callsWithin(Duration window) {
            return calls;
        }

        @Override
        public MergeFields mergeFields() {
            return new MergeFields("Dana", null, "+15551230001", "Glow Aesthetics", "+15557654321");
        }

        @Override
        public Optional<PriorText> textedWithin(Duration window) {
            List<PriorText> near = prior.stream()
                    .filter(p -> p.at().isAfter(now.minus(window)) && p.at().isBefore(now.plus(window))).toList();
            return near.stream().filter(p -> !p.at().isAfter(now)).max(java.util.Comparator.comparing(PriorText::at))
                    .or(() -> near.stream().min(java.util.Comparator.comparing(PriorText::at)));
        }

        @Override
        public Optional<String> callTakenBy() {
            return Optional.ofNullable(takenBy);
        }

        @Override
        public java.time.ZoneId callerZone() {
            return java.time.ZoneId.of(hours.timeZone());
        }

        @Override
        public String callerZoneSource() {
            return "the business's time zone";
        }
    }
}
