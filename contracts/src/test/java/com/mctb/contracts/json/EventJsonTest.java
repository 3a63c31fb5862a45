package com.mctb.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.event.SmsEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** The fixtures are the wire format other services (and older versions of them) rely on. */
    @ParameterizedTest
    @ValueSource(strings = {"CallMissed", "SendMessage", "CallSettingsChanged", "BusinessProfileChanged",
            "BusinessProfileChanged-team", "MessageAccepted", "VoicemailTranscribed", "CallAnswered"})
    void fixtureDecodesAndEncodesBackToTheSameJson(String name) throws IOException {
        String fixture = fixture(name.replace("-team", "") + ".v1" + (name.endsWith("-team") ? "-team" : "") + ".json");
        Class<? extends Event> type = switch (name) {
            case "CallMissed" -> CallMissed.class;
            case "SendMessage" -> SendMessage.class;
            case "CallSettingsChanged" -> CallSettingsChanged.class;
            case "BusinessProfileChanged", "BusinessProfileChanged-team" -> BusinessProfileChanged.class;
            case "VoicemailTranscribed" -> com.mctb.contracts.event.VoicemailTranscribed.class;
            case "CallAnswered" -> com.mctb.contracts.event.CallAnswered.class;
            default -> MessageAccepted.class;
        };

        Event event = EventJson.decode(fixture, type);

        assertThat(PLAIN.readTree(EventJson.encode(event))).isEqualTo(PLAIN.readTree(fixture));
    }

    @Test
    void aBusinessProfileFromBeforeTheTeamDecodesWithoutOneAndTheTeamIsReadWhenThere() throws IOException {
        assertThat(EventJson.decode(fixture("BusinessProfileChanged.v1.json"), BusinessProfileChanged.class).team())
                .isNull();
        BusinessProfileChanged.Team team = EventJson.decode(fixture("BusinessProfileChanged.v1-team.json"),
                BusinessProfileChanged.class).team();
        assertThat(team.assignedUsers()).containsEntry("+15557654321", "ava");
        assertThat(team.users()).singleElement().satisfies(u -> {
            assertThat(u.mobile()).isEqualTo("+15550009999");
            assertThat(u.missedCall()).isTrue();
            assertThat(u.voicemail()).isFalse();
        });
    }

    @Test
    void callSettingsFromBeforeRingPatternsDecodeWithoutThemAndThePatternRoundTripsWhenThere() throws IOException {
        CallSettingsChanged before = EventJson.decode(fixture("CallSettingsChanged.v1.json"), CallSettingsChanged.class);
        assertThat(before.ringPattern()).isNull();
        assertThat(before.recording()).isNull();

        String fixture = fixture("CallSettingsChanged.v1-ring.json");
        CallSettingsChanged ring = EventJson.decode(fixture, CallSettingsChanged.class);
        assertThat(ring.ringPattern().mode()).isEqualTo(CallSettingsChanged.RingPattern.SEQUENTIAL);
        assertThat(ring.ringPattern().targets()).containsExactly(
                new CallSettingsChanged.RingTarget("+15550001111", null, 10),
                new CallSettingsChanged.RingTarget("+15550009999", "ava", 10));
        assertThat(ring.recording()).isEqualTo(
                new CallSettingsChanged.Recording(true, "This call may be recorded.", null, 30));
        assertThat(PLAIN.readTree(EventJson.encode(ring))).isEqualTo(PLAIN.readTree(fixture));
    }

    @Test
    void callMissedFieldsAreReadFromTwilioSpelling() throws IOException {
        CallMissed missed = EventJson.decode(fixture("CallMissed.v1.json"), CallMissed.class);

        assertThat(missed.dialStatus()).isEqualTo(DialStatus.NO_ANSWER);
        assertThat(missed.occurredAt()).isEqualTo(Instant.parse("2026-11-28T14:05:09.123Z"));
        assertThat(missed.eventId()).isEqualTo("CallMissed/CA0123456789abcdef0123456789abcdef");
    }

    @Test
    void smsEventsDecodeToTheirOwnRecordThroughTheSealedType() throws IOException {
        SmsEvent event = EventJson.decode(fixture("MessageAccepted.v1.json"), SmsEvent.class);

        assertThat(event).isInstanceOf(MessageAccepted.class);
    }

    @Test
    void anotherEventTypeIsRefusedNotMisread() throws IOException {
        String sendMessage = fixture("SendMessage.v1.json");

        assertThatThrownBy(() -> EventJson.decode(sendMessage, CallMissed.class))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("not a valid CallMissed");
    }

    @Test
    void aMissingRequiredFieldIsRefusedWithItsName() {
        String noCallSid = """
                {"type":"CallMissed.v1","accountId":"glow","from":"+15551230001","to":"+15557654321",
                 "dialStatus":"busy","callerWithheld":false,"occurredAt":"2026-11-28T14:05:09Z"}""";

        assertThatThrownBy(() -> EventJson.decode(noCallSid, CallMissed.class))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("callSid is required");
    }

    @Test
    void garbageAndEmptyRecordsAreRefused() {
        assertThatThrownBy(() -> EventJson.decode("not json", CallMissed.class))
                .isInstanceOf(EventDecodingException.class);
        assertThatThrownBy(() -> EventJson.decode("", CallMissed.class))
                .isInstanceOf(EventDecodingException.class);
        assertThatThrownBy(() -> EventJson.decode(null, CallMissed.class))
                .isInstanceOf(EventDecodingException.class);
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() throws IOException {
        String newer = fixture("CallMissed.v1.json").replace("\"ringSeconds\"", "\"someNewField\": 1, \"ringSeconds\"");

        assertThat(EventJson.decode(newer, CallMissed.class).ringSeconds()).isEqualTo(20);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = EventJsonTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
