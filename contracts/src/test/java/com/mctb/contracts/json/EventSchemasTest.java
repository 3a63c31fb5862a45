package com.mctb.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.SmsEvent;
import com.mctb.contracts.event.MessageAccepted;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The check every consumer makes at the edge, with the schemas of the document this jar publishes. */
class EventSchemasTest {

    private static final EventSchemas SCHEMAS = EventSchemas.published();

    @Test
    void aRecordThatFitsIsDecodedWithOrWithoutItsCloudEventsType() throws IOException {
        String json = fixture("CallMissed.v1.json");

        assertThat(SCHEMAS.decode(json, "com.mctb.CallMissed.v1", CallMissed.class).callSid())
                .isEqualTo("CA0123456789abcdef0123456789abcdef");
        assertThat(SCHEMAS.decode(json, null, CallMissed.class)).isEqualTo(EventJson.decode(json, CallMissed.class));
        assertThat(SCHEMAS.decode(fixture("MessageAccepted.v1.json"), null, SmsEvent.class))
                .isInstanceOf(MessageAccepted.class);
        assertThat(SCHEMAS.decode(json, null, Event.class)).isInstanceOf(CallMissed.class);
    }

    @Test
    void aRecordThatDoesNotFitItsSchemaIsRefusedWithEachMisfitNamed() throws IOException {
        String json = fixture("CallMissed.v1.json").replace("\"ringSeconds\": 20", "\"ringSeconds\": \"twenty\"")
                .replace("\"dialStatus\": \"no-answer\"", "\"dialStatus\": \"maybe\"");

        assertThatThrownBy(() -> SCHEMAS.decode(json, "com.mctb.CallMissed.v1", CallMissed.class))
                .isInstanceOfSatisfying(EventSchemaException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("$.ringSeconds").contains("integer"))
                        .anySatisfy(p -> assertThat(p).contains("$.dialStatus")))
                .hasMessageStartingWith("not a valid CallMissed: does not fit the schema of CallMissed.v1: ");
    }

    @Test
    void aMissingRequiredFieldIsASchemaError() throws IOException {
        String json = fixture("CallMissed.v1.json").replace("\"to\": \"+15557654321\",", "");

        assertThatThrownBy(() -> SCHEMAS.decode(json, null, CallMissed.class))
                .isInstanceOfSatisfying(EventSchemaException.class, e -> assertThat(e.problems())
                        .singleElement().asString().contains("to"));
    }

    @Test
    void anUnknownCloudEventsTypeOrVersionIsRefusedWithTheReason() throws IOException {
        String json = fixture("CallMissed.v1.json");

        assertThatThrownBy(() -> SCHEMAS.decode(json, "com.mctb.CallMissed.v9", CallMissed.class))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("unknown ce_type com.mctb.CallMissed.v9");
        assertThatThrownBy(() -> SCHEMAS.decode(json.replace("CallMissed.v1", "CallMissed.v2"), null, CallMissed.class))
                .hasMessageContaining("unknown event type CallMissed.v2");
        assertThatThrownBy(() -> SCHEMAS.decode(json, "com.mctb.SendMessage.v1", CallMissed.class))
                .hasMessageContaining("ce_type com.mctb.SendMessage.v1 but the record's type is CallMissed.v1");
    }

    @Test
    void anotherEventOrNoEventIsRefused() throws IOException {
        assertThatThrownBy(() -> SCHEMAS.decode(fixture("SendMessage.v1.json"), null, CallMissed.class))
                .hasMessage("not a valid CallMissed: it is a SendMessage.v1");
        assertThatThrownBy(() -> SCHEMAS.decode("{\"callSid\":\"CA1\"}", null, CallMissed.class))
                .hasMessageContaining("no \"type\"");
        assertThatThrownBy(() -> SCHEMAS.decode("not json", null, CallMissed.class))
                .hasMessageStartingWith("not a valid CallMissed: not JSON");
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = EventSchemasTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
