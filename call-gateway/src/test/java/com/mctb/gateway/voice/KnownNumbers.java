package com.mctb.gateway.voice;

import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The numbers the gateway tests call, published on settings.call as settings-service would. */
final class KnownNumbers {

    static final String GLOW = "+15557654321";
    /** Glow's second number, whose forwards must be confirmed by a key press. */
    static final String GLOW_SCREENED = "+15557654322";
    static final String CALLER = "+15551230001";
    static final String SUBACCOUNT_SID = "AC5ub0000000000000000000000000000a";

    private KnownNumbers() {
    }

    private static boolean published;

    /** Once per test JVM: every gateway test class shares the one app and its settings copy. */
    static synchronized void publishAndAwait() {
        if (published) {
            return;
        }
        published = true;
        TopicProbe.send(Topics.SETTINGS_CALL, "glow/" + GLOW, EventJson.encode(new CallSettingsChanged(
                "glow", GLOW, "Glow Aesthetics", 17, List.of("+15550001111"), null, true, false, null, 1, Instant.now())));
        TopicProbe.send(Topics.SETTINGS_CALL, "glow/" + GLOW_SCREENED, EventJson.encode(new CallSettingsChanged(
                "glow", GLOW_SCREENED, "Glow Aesthetics", 12, List.of("+15550002222", "client:front-desk"), "+15557654322",
                false, true, "https://files.example/greetings/abc.mp3", 1, Instant.now())));
        TopicProbe.send(Topics.SETTINGS_CALL, "sub", EventJson.encode(new CallSettingsChanged(
                "sub", null, "Sub Salon", 14, List.of("+15550003333"), null, true, false, null, 1, Instant.now())));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            TwiMl a = TwiMl.parse(Webhooks.post("/twilio/voice/incoming", Webhooks.call(Webhooks.callSid(999_999), CALLER, GLOW)).asString());
            TwiMl b = TwiMl.parse(Webhooks.post("/twilio/voice/incoming",
                    Webhooks.call(Webhooks.callSid(999_998), CALLER, GLOW_SCREENED)).asString());
            return a.count("Dial") == 1 && a.one("Dial").getAttribute("timeout").equals("17")
                    && b.count("Dial") == 1 && b.one("Dial").getAttribute("timeout").equals("12");
        });
    }

    /**
     * The CallMissed records for this CallSid: read until {@code expected} are there, then for 3 s more, longer than
     * the test profile's status grace (1 s) plus a sweep, so a late second report would be seen too.
     */
    static List<CallMissed> missedCalls(String callSid, int expected) {
        List<ConsumerRecord<String, String>> records = TopicProbe.readUntil(Topics.CALLS_MISSED,
                rs -> rs.stream().filter(r -> r.value().contains(callSid)).count() >= expected,
                Duration.ofSeconds(20), Duration.ofSeconds(3));
        return records.stream().filter(r -> r.value().contains(callSid))
                .map(r -> EventJson.decode(r.value(), CallMissed.class)).toList();
    }
}
