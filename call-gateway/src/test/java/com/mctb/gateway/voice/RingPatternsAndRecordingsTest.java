package com.mctb.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.event.CallSettingsChanged.Recording;
import com.mctb.contracts.event.CallSettingsChanged.RingPattern;
import com.mctb.contracts.event.CallSettingsChanged.RingTarget;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.json.EventJson;
import com.mctb.gateway.calls.CallLegs;
import com.mctb.gateway.domain.LegEnded;
import com.mctb.gateway.recordings.RecordingRetention;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TopicProbe;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.ApiRequest;
import com.mctb.twilio.standin.TwilioApiDescription;
import com.mctb.twilio.standin.TwilioApiStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Ring patterns and call recording through signed webhooks and the Twilio stand-in: a sequential pattern rings its
 * targets one after another and the call is missed once, after the last; a screened target's voicemail moves on to
 * the next; a recording number plays its consent before the bridge, and its recordings are listed under the contact,
 * played to the account only, and deleted at Twilio and here past the account's retention.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class RingPatternsAndRecordingsTest {

    static final String SEQUENTIAL = "+15557650001";
    static final String SEQUENTIAL_SCREENED = "+15557650002";
    static final String RECORDED = "+15557650003";
    static final String RECORDED_SEQUENTIAL = "+15557650004";
    /** Rings FIRST and SECOND (both team members' mobiles) together, records. */
    static final String RECORDED_TOGETHER = "+15557650005";
    /** Rings FIRST and THIRD (a number, no team member) together, screened, records. */
    static final String RECORDED_TOGETHER_SCREENED = "+15557650006";
    static final String FIRST = "+15550005551";
    static final String SECOND = "+15550005552";
    static final String THIRD = "+15550005553";
    static final String CONSENT = "This call is recorded for training. Say so if you would rather it were not.";
    static final String CONSENT_AUDIO = "https://files.example/consent/glow.mp3";
    private static boolean published;

    @TestHTTPResource("/")
    URL gateway;

    @Inject
    CallLegs legs;

    @Inject
    RecordingRetention retention;

    @BeforeEach
    void numbersAreKnownAndTwilioCallsUsBack() {
        KnownNumbers.publishAndAwait();
        publishAndAwait();
        standIn().redirectRecordingCallbacks(Webhooks.PUBLIC_BASE, gateway.toString().replaceAll("/$", ""));
    }

    // ------------------------------------------------------------------------------------------------ ring patterns

    @Test
    void aSequentialPatternRingsTheFirstTargetThenTheSecondAndIsMissedOnceAfterBoth() {
        String callSid = Webhooks.callSid(80_001);
        String caller = "+15551238001";

        TwiMl first = TwiMl.parse(incoming(callSid, caller, SEQUENTIAL));
        assertThat(first.verbs()).containsExactly("Dial");
        assertThat(first.one("Dial").getAttribute("timeout")).isEqualTo("10");
        assertThat(first.one("Dial").getAttribute("action")).isEqualTo(Webhooks.PUBLIC_BASE
                + "/twilio/voice/leg-complete?leg=0");
        assertThat(first.one("Number").getTextContent()).isEqualTo(FIRST);

        TwiMl second = TwiMl.parse(legComplete(0, callSid, caller, SEQUENTIAL, "no-answer"));
        assertThat(second.verbs()).as("target 1 not answering is not a missed call").containsExactly("Dial");
        assertThat(second.one("Dial").getAttribute("timeout")).isEqualTo("12");
        assertThat(second.one("Dial").getAttribute("action")).endsWith("/twilio/voice/leg-complete?leg=1");
        assertThat(second.one("Number").getTextContent()).isEqualTo(SECOND);

        TwiMl voicemail = TwiMl.parse(legComplete(1, callSid, caller, SEQUENTIAL, "no-answer"));
        assertThat(voicemail.count("Record")).isEqualTo(1);
        // Twilio retries the last callback: still one CallMissed.
        legComplete(1, callSid, caller, SEQUENTIAL, "no-answer");

        List<CallMissed> missed = KnownNumbers.missedCalls(callSid, 1);
        assertThat(missed).singleElement().satisfies(m -> {
            assertThat(m.accountId()).isEqualTo("glow");
            assertThat(m.from()).isEqualTo(caller);
            assertThat(m.dialStatus()).isEqualTo(DialStatus.NO_ANSWER);
        });
        assertThat(legs.of(callSid)).extracting(CallLegs.Leg::index, CallLegs.Leg::rang, CallLegs.Leg::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, List.of(FIRST), LegEnded.Outcome.NO_ANSWER),
                        org.assertj.core.groups.Tuple.tuple(1, List.of(SECOND), LegEnded.Outcome.NO_ANSWER));
    }

    @Test
    void aSequentialCallAnsweredByTheSecondTargetIsNotMissed() {
        String callSid = Webhooks.callSid(80_002);
        String caller = "+15551238002";
        incoming(callSid, caller, SEQUENTIAL);
        legComplete(0, callSid, caller, SEQUENTIAL, "busy");

        TwiMl answered = TwiMl.parse(legComplete(1, callSid, caller, SEQUENTIAL, "completed"));
        assertThat(answered.verbs()).isEmpty();
        Map<String, String> ended = Webhooks.call(callSid, caller, SEQUENTIAL);
        ended.put("CallStatus", "completed");
        Webhooks.post("/twilio/voice/status", ended).then().statusCode(200);

        // Longer than the status grace (1 s in tests): the ended call stays answered.
        assertThat(KnownNumbers.missedCalls(callSid, 0)).isEmpty();
        assertThat(legs.of(callSid)).extracting(CallLegs.Leg::outcome)
                .containsExactly(LegEnded.Outcome.BUSY, LegEnded.Outcome.ANSWERED);
        assertThat(legs.answered(callSid)).hasValueSatisfying(l -> {
            assertThat(l.userId()).isEqualTo("u-second");
            assertThat(l.answeredNumber()).as("a sequential leg rings one number: who answered").isEqualTo(SECOND);
            assertThat(l.answeredUserId()).isEqualTo("u-second");
        });
    }

    @Test
    void aScreenedFirstTargetsVoicemailMovesOnToTheSecondTarget() {
        String callSid = Webhooks.callSid(80_003);
        String caller = "+15551238003";
        TwiMl first = TwiMl.parse(incoming(callSid, caller, SEQUENTIAL_SCREENED));
        assertThat(first.one("Number").getAttribute("url")).contains("/twilio/voice/screen?number=");

        // Target 1's own voicemail picked up: nobody pressed a key, the leg "completed".
        TwiMl second = TwiMl.parse(legComplete(0, callSid, caller, SEQUENTIAL_SCREENED, "completed"));
        assertThat(second.verbs()).as("a voicemail picking up is not an answer").containsExactly("Dial");
        assertThat(second.one("Number").getTextContent()).isEqualTo(SECOND);

        // Target 2 is a person: presses a key, is connected.
        Map<String, String> press = new LinkedHashMap<>();
        press.put("AccountSid", TwilioStandInResource.ACCOUNT_SID);
        press.put("CallSid", Webhooks.callSid(80_903));
        press.put("ParentCallSid", callSid);
        press.put("From", SEQUENTIAL_SCREENED);
        press.put("To", SECOND);
        press.put("Digits", "1");
        Webhooks.post("/twilio/voice/screen-result?number=%2B15557650002", press).then().statusCode(200);
        TwiMl answered = TwiMl.parse(legComplete(1, callSid, caller, SEQUENTIAL_SCREENED, "completed"));
        assertThat(answered.verbs()).isEmpty();

        assertThat(KnownNumbers.missedCalls(callSid, 0)).isEmpty();
        assertThat(legs.of(callSid)).extracting(CallLegs.Leg::outcome)
                .containsExactly(LegEnded.Outcome.UNCONFIRMED, LegEnded.Outcome.ANSWERED);
    }

    // ------------------------------------------------------------------------------------------------ recording

    @Test
    void aRecordedCallPlaysTheConsentBeforeTheBridgeAndIsListedAndPlayedToItsAccountOnly() {
        String callSid = Webhooks.callSid(80_004);
        String caller = "+15551238004";
        TwiMl twiml = TwiMl.parse(incoming(callSid, caller, RECORDED));
        assertThat(twiml.verbs()).as("the consent before the bridge").containsExactly("Say", "Dial");
        assertThat(twiml.one("Say").getTextContent()).isEqualTo(CONSENT);
        Element dial = twiml.one("Dial");
        assertThat(dial.getAttribute("record")).isEqualTo("record-from-answer-dual");
        assertThat(dial.getAttribute("recordingStatusCallback"))
                .isEqualTo(Webhooks.PUBLIC_BASE + "/twilio/voice/call-recording");
        Webhooks.post("/twilio/voice/dial-complete", Webhooks.dialComplete(callSid, caller, RECORDED, "completed"))
                .then().statusCode(200);

        String recording = standIn().recordCall(TwilioStandInResource.ACCOUNT_SID, TwilioStandInResource.AUTH_TOKEN,
                callSid, 5, Instant.now(), dial.getAttribute("recordingStatusCallback"));

        List<Map<String, Object>> listed = awaitRecordings("glow", caller, 1);
        assertThat(listed).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("recordingSid", recording).containsEntry("callSid", callSid)
                    .containsEntry("durationSeconds", 5)
                    .containsEntry("audioUrl", "/api/accounts/glow/recordings/" + recording + "/audio");
            assertThat(r.get("answeredBy")).isEqualTo(Map.of("number", FIRST, "userId", "u-first"));
            assertThat(Instant.parse((String) r.get("startedAt"))).isBefore(Instant.now().plusSeconds(1));
        });
        // Twilio retries its callback: kept once.
        Map<String, String> again = new LinkedHashMap<>();
        again.put("AccountSid", TwilioStandInResource.ACCOUNT_SID);
        again.put("CallSid", callSid);
        again.put("RecordingSid", recording);
        again.put("RecordingStatus", "completed");
        again.put("RecordingDuration", "5");
        Webhooks.post("/twilio/voice/call-recording", again).then().statusCode(200);
        assertThat(Webhooks.postSigned("/twilio/voice/call-recording", again, "not-the-token").statusCode())
                .isEqualTo(403);
        assertThat(recordings("glow", caller)).hasSize(1);

        Response audio = TestTokens.as("glow").get("/api/accounts/glow/recordings/" + recording + "/audio");
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.contentType()).isEqualTo("audio/wav");
        assertThat(audio.asByteArray()).hasSize(44 + 5 * 8000 * 2);
        Response part = TestTokens.as("glow").header("Range", "bytes=0-43")
                .get("/api/accounts/glow/recordings/" + recording + "/audio");
        assertThat(part.statusCode()).isEqualTo(206);

        assertThat(TestTokens.as("other").get("/api/accounts/glow/recordings/" + recording + "/audio").statusCode())
                .isEqualTo(403);
        assertThat(TestTokens.as("other").get("/api/accounts/other/recordings/" + recording + "/audio").statusCode())
                .isEqualTo(404);
        assertThat(TestTokens.as("other").queryParam("contact", caller).get("/api/accounts/glow/recordings")
                .statusCode()).isEqualTo(403);
        assertThat(recordings("other", caller)).isEmpty();
        assertThat(io.restassured.RestAssured.given().get("/api/accounts/glow/recordings/" + recording + "/audio")
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aRecordedCallRungTogetherListsTheTeamMemberWhoAnsweredAsTwiliosDialedCallSays() {
        String callSid = Webhooks.callSid(80_010);
        String caller = "+15551238010";
        TwiMl twiml = TwiMl.parse(incoming(callSid, caller, RECORDED_TOGETHER));
        assertThat(twiml.count("Number")).as("both targets rung together").isEqualTo(2);
        int trafficBefore = standIn().apiRequests().size();

        // The second target picked up: Twilio's child call rang SECOND, and the dial's action names it.
        String dialCallSid = standIn().answerDial(TwilioStandInResource.ACCOUNT_SID, callSid, RECORDED_TOGETHER, SECOND,
                5);
        Map<String, String> ended = Webhooks.dialComplete(callSid, caller, RECORDED_TOGETHER, "completed");
        ended.put("DialCallSid", dialCallSid);
        Response answered = Webhooks.post("/twilio/voice/dial-complete", ended);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(TwiMl.parse(answered.asString()).verbs()).isEmpty();
        String recording = standIn().recordCall(TwilioStandInResource.ACCOUNT_SID, TwilioStandInResource.AUTH_TOKEN,
                callSid, 5, Instant.now(), twiml.one("Dial").getAttribute("recordingStatusCallback"));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(recordings("glow", caller))
                .singleElement().satisfies(r -> {
                    assertThat(r).containsEntry("recordingSid", recording);
                    assertThat(r.get("answeredBy")).isEqualTo(Map.of("number", SECOND, "userId", "u-second"));
                }));
        List<ApiRequest> fetched = standIn().apiRequests().subList(trafficBefore, standIn().apiRequests().size())
                .stream().filter(r -> r.path().contains("/Calls/" + dialCallSid)).toList();
        assertThat(fetched).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/" + TwilioStandInResource.ACCOUNT_SID + "/Calls/"
                    + dialCallSid + ".json");
            assertThat(r.status()).isEqualTo(200);
        });
        assertThat(TwilioApiDescription.load().check(fetched)).as("as Twilio describes its Call resource").isEmpty();
    }

    @Test
    void aScreenedCallRungTogetherListsTheNumberWhosePersonPressedAKeyWithoutAskingTwilio() {
        String callSid = Webhooks.callSid(80_011);
        String caller = "+15551238011";
        TwiMl twiml = TwiMl.parse(incoming(callSid, caller, RECORDED_TOGETHER_SCREENED));
        assertThat(twiml.count("Number")).isEqualTo(2);
        int trafficBefore = standIn().apiRequests().size();

        // THIRD's person pressed a key on the screen (FIRST's voicemail, say, never did): THIRD is connected.
        Map<String, String> press = new LinkedHashMap<>();
        press.put("AccountSid", TwilioStandInResource.ACCOUNT_SID);
        press.put("CallSid", Webhooks.callSid(80_911));
        press.put("ParentCallSid", callSid);
        press.put("From", RECORDED_TOGETHER_SCREENED);
        press.put("To", THIRD);
        press.put("Direction", "outbound-dial");
        press.put("CallStatus", "in-progress");
        press.put("Digits", "1");
        Webhooks.post("/twilio/voice/screen-result?number=%2B15557650006", press).then().statusCode(200);
        Map<String, String> ended = Webhooks.dialComplete(callSid, caller, RECORDED_TOGETHER_SCREENED, "completed");
        ended.put("DialCallSid", press.get("CallSid"));
        Webhooks.post("/twilio/voice/dial-complete", ended).then().statusCode(200);
        standIn().recordCall(TwilioStandInResource.ACCOUNT_SID, TwilioStandInResource.AUTH_TOKEN, callSid, 6,
                Instant.now(), twiml.one("Dial").getAttribute("recordingStatusCallback"));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(recordings("glow", caller))
                .singleElement().satisfies(r -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> by = (Map<String, Object>) r.get("answeredBy");
                    assertThat(by.get("number")).isEqualTo(THIRD);
                    assertThat(by.get("userId")).as("THIRD is no team member's mobile").isNull();
                }));
        assertThat(standIn().apiRequests().subList(trafficBefore, standIn().apiRequests().size()))
                .as("the screen told who answered").noneMatch(r -> r.path().contains("/Calls/" + press.get("CallSid")));
    }

    @Test
    void whenTwilioCannotTellWhoAnsweredTheCallIsAnsweredAndRecordedAllTheSame() {
        String callSid = Webhooks.callSid(80_012);
        String caller = "+15551238012";
        TwiMl twiml = TwiMl.parse(incoming(callSid, caller, RECORDED_TOGETHER));

        // A DialCallSid Twilio answers 404 for: the lookup fails; the caller's answer does not.
        String unknownToTwilio = Webhooks.callSid(80_912);
        Map<String, String> ended = Webhooks.dialComplete(callSid, caller, RECORDED_TOGETHER, "completed");
        ended.put("DialCallSid", unknownToTwilio);
        Response answered = Webhooks.post("/twilio/voice/dial-complete", ended);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(TwiMl.parse(answered.asString()).verbs()).isEmpty();
        String recording = standIn().recordCall(TwilioStandInResource.ACCOUNT_SID, TwilioStandInResource.AUTH_TOKEN,
                callSid, 4, Instant.now(), twiml.one("Dial").getAttribute("recordingStatusCallback"));

        await().atMost(Duration.ofSeconds(15)).until(() -> standIn().apiRequests().stream()
                .anyMatch(r -> r.path().endsWith("/Calls/" + unknownToTwilio + ".json") && r.status() == 404));
        List<Map<String, Object>> listed = awaitRecordings("glow", caller, 1);
        assertThat(listed).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("recordingSid", recording);
            @SuppressWarnings("unchecked")
            Map<String, Object> by = (Map<String, Object>) r.get("answeredBy");
            assertThat(by.get("number")).as("unknown, not guessed").isNull();
        });
        assertThat(KnownNumbers.missedCalls(callSid, 0)).as("answered all the same").isEmpty();
    }

    @Test
    void aRecordingOfACallNoPersonAnsweredIsNotKeptAndIsDeletedAtTwilio() {
        String callSid = Webhooks.callSid(80_009);
        String caller = "+15551238009";
        TwiMl twiml = TwiMl.parse(incoming(callSid, caller, RECORDED));
        Webhooks.post("/twilio/voice/dial-complete", Webhooks.dialComplete(callSid, caller, RECORDED, "no-answer"))
                .then().statusCode(200);
        assertThat(KnownNumbers.missedCalls(callSid, 1)).hasSize(1);

        // Twilio recorded something all the same (a target's own voicemail was bridged, say).
        String recording = standIn().recordCall(TwilioStandInResource.ACCOUNT_SID, TwilioStandInResource.AUTH_TOKEN,
                callSid, 4, Instant.now(), twiml.one("Dial").getAttribute("recordingStatusCallback"));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(standIn().hasRecording(recording)).as("deleted at Twilio").isFalse());
        assertThat(recordings("glow", caller)).as("not a conversation's recording").isEmpty();
    }

    @Test
    void aSequentialRecordedNumberPlaysItsConsentAudioOnceBeforeTheFirstLeg() {
        String callSid = Webhooks.callSid(80_005);
        String caller = "+15551238005";
        TwiMl first = TwiMl.parse(incoming(callSid, caller, RECORDED_SEQUENTIAL));
        assertThat(first.verbs()).containsExactly("Play", "Dial");
        assertThat(first.one("Play").getTextContent()).isEqualTo(CONSENT_AUDIO);
        assertThat(first.one("Dial").getAttribute("record")).isEqualTo("record-from-answer-dual");

        TwiMl second = TwiMl.parse(legComplete(0, callSid, caller, RECORDED_SEQUENTIAL, "no-answer"));
        assertThat(second.verbs()).containsExactly("Dial");
        assertThat(second.one("Dial").getAttribute("record")).isEqualTo("record-from-answer-dual");
    }

    @Test
    void aNumberThatDoesNotRecordHasNoConsentAndNoRecording() {
        TwiMl twiml = TwiMl.parse(incoming(Webhooks.callSid(80_006), "+15551238006", SEQUENTIAL));
        assertThat(twiml.verbs()).containsExactly("Dial");
        assertThat(twiml.one("Dial").hasAttribute("record")).isFalse();
    }

    @Test
    void recordingsPastTheAccountsRetentionAreDeletedAtTwilioAndHere() {
        String caller = "+15551238007";
        String oldCall = Webhooks.callSid(80_007);
        String newCall = Webhooks.callSid(80_008);
        for (String callSid : List.of(oldCall, newCall)) {
            incoming(callSid, caller, RECORDED);
            Webhooks.post("/twilio/voice/dial-complete", Webhooks.dialComplete(callSid, caller, RECORDED, "completed"))
                    .then().statusCode(200);
        }
        String callback = Webhooks.PUBLIC_BASE + "/twilio/voice/call-recording";
        String old = standIn().recordCall(TwilioStandInResource.ACCOUNT_SID, TwilioStandInResource.AUTH_TOKEN,
                oldCall, 3, Instant.now().minus(Duration.ofDays(31)), callback);
        String recent = standIn().recordCall(TwilioStandInResource.ACCOUNT_SID, TwilioStandInResource.AUTH_TOKEN,
                newCall, 3, Instant.now().minus(Duration.ofDays(29)), callback);
        awaitRecordings("glow", caller, 2);
        assertThat(TestTokens.as("glow").get("/api/accounts/glow/recordings/" + old + "/audio").statusCode())
                .isEqualTo(200);

        assertThat(retention.sweep(Instant.now())).isGreaterThanOrEqualTo(1);

        assertThat(standIn().hasRecording(old)).as("deleted at Twilio").isFalse();
        assertThat(standIn().hasRecording(recent)).as("within the 30 days").isTrue();
        assertThat(recordings("glow", caller)).extracting(r -> r.get("recordingSid")).containsExactly(recent);
        assertThat(TestTokens.as("glow").get("/api/accounts/glow/recordings/" + old + "/audio").statusCode())
                .isEqualTo(404);
        assertThat(standIn().apiRequests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/" + TwilioStandInResource.ACCOUNT_SID
                    + "/Recordings/" + old + ".json");
            assertThat(r.status()).isEqualTo(204);
        });
        // A second run finds nothing more to delete of these.
        retention.sweep(Instant.now());
        assertThat(standIn().hasRecording(recent)).isTrue();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String incoming(String callSid, String caller, String number) {
        Response r = Webhooks.post("/twilio/voice/incoming", Webhooks.call(callSid, caller, number));
        assertThat(r.statusCode()).isEqualTo(200);
        return r.asString();
    }

    private static String legComplete(int leg, String callSid, String caller, String number, String status) {
        Response r = Webhooks.post("/twilio/voice/leg-complete?leg=" + leg,
                Webhooks.dialComplete(callSid, caller, number, status));
        assertThat(r.statusCode()).isEqualTo(200);
        return r.asString();
    }

    private static List<Map<String, Object>> recordings(String account, String contact) {
        Response r = TestTokens.as(account).queryParam("contact", contact).get("/api/accounts/" + account + "/recordings");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath().getList("$");
    }

    private static List<Map<String, Object>> awaitRecordings(String account, String contact, int n) {
        await().atMost(Duration.ofSeconds(15)).until(() -> recordings(account, contact).size() >= n);
        return recordings(account, contact);
    }

    private static TwilioApiStandIn standIn() {
        return TwilioStandInResource.standIn();
    }

    static synchronized void publishAndAwait() {
        if (published) {
            return;
        }
        published = true;
        RingPattern sequential = new RingPattern(RingPattern.SEQUENTIAL, List.of(
                new RingTarget(FIRST, "u-first", 10), new RingTarget(null, "u-no-mobile", 10),
                new RingTarget(SECOND, "u-second", 12)));
        publish(SEQUENTIAL, sequential, false, null);
        publish(SEQUENTIAL_SCREENED, sequential, true, null);
        publish(RECORDED, new RingPattern(RingPattern.SIMULTANEOUS, List.of(new RingTarget(FIRST, "u-first", null))),
                false, new Recording(true, CONSENT, null, 30));
        publish(RECORDED_SEQUENTIAL, sequential, false, new Recording(true, null, CONSENT_AUDIO, 30));
        publish(RECORDED_TOGETHER, new RingPattern(RingPattern.SIMULTANEOUS, List.of(
                new RingTarget(FIRST, "u-first", null), new RingTarget(SECOND, "u-second", null))),
                false, new Recording(true, CONSENT, null, 30));
        publish(RECORDED_TOGETHER_SCREENED, new RingPattern(RingPattern.SIMULTANEOUS, List.of(
                new RingTarget(FIRST, "u-first", null), new RingTarget(THIRD, null, null))),
                true, new Recording(true, CONSENT, null, 30));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            TwiMl t = TwiMl.parse(Webhooks.post("/twilio/voice/incoming",
                    Webhooks.call(Webhooks.callSid(899_999), KnownNumbers.CALLER, RECORDED_SEQUENTIAL)).asString());
            TwiMl together = TwiMl.parse(Webhooks.post("/twilio/voice/incoming",
                    Webhooks.call(Webhooks.callSid(899_998), KnownNumbers.CALLER, RECORDED_TOGETHER)).asString());
            TwiMl screened = TwiMl.parse(Webhooks.post("/twilio/voice/incoming",
                    Webhooks.call(Webhooks.callSid(899_997), KnownNumbers.CALLER, RECORDED_TOGETHER_SCREENED))
                    .asString());
            return t.count("Dial") == 1 && t.one("Dial").hasAttribute("record") && together.count("Number") == 2
                    && screened.count("Number") == 2;
        });
    }

    private static void publish(String number, RingPattern pattern, boolean screened, Recording recording) {
        TopicProbe.send(Topics.SETTINGS_CALL, "glow/" + number, EventJson.encode(new CallSettingsChanged("glow", number,
                "Glow Aesthetics", 25, List.of(FIRST, SECOND), null, true, screened, null, 1, Instant.now(), null,
                pattern, recording)));
    }
}
