package com.mctb.messaging.support;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.event.SmsEvent;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.TopicProbe;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.SentMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** Commands and events as the other services write and read them, through the real topics. */
public final class Texts {

    public static final String FROM = "+15557654321";

    private Texts() {
    }

    public static SendMessage sms(String commandId, String account, String to, String body) {
        return new SendMessage(commandId, account, Channel.SMS, FROM, to, body, MessageCause.WORKFLOW,
                "CA" + "0".repeat(32), Instant.now(), Instant.now(), null);
    }

    public static SendMessage from(SendMessage c, String from) {
        return new SendMessage(c.commandId(), c.accountId(), c.channel(), from, c.to(), c.body(), c.cause(), c.callSid(),
                c.missedAt(), c.requestedAt(), c.smsFallback());
    }

    public static SendMessage whatsapp(String commandId, String account, String to, String body, boolean smsFallback) {
        return new SendMessage(commandId, account, Channel.WHATSAPP, FROM, to, body, MessageCause.WORKFLOW, null,
                Instant.now(), Instant.now(), smsFallback);
    }

    public static void send(SendMessage command) {
        TopicProbe.send(Topics.SMS_COMMANDS, Keys.accountAndPhone(command.accountId(), command.to()),
                EventJson.encode(command));
    }

    public static void profile(String account, String businessName, String timeZone, String... numbers) {
        BusinessProfileChanged profile = new BusinessProfileChanged(account, businessName, timeZone, List.of(numbers),
                numbers.length > 0 ? numbers[0] : null, null, null, System.nanoTime(), Instant.now());
        TopicProbe.send(Topics.SETTINGS_BUSINESS, Keys.account(account), EventJson.encode(profile));
    }

    /** The account's profile, its numbers held by the Twilio (sub)account {@code twilioAccountSid}. */
    public static void profileHeldBy(String account, String twilioAccountSid, String... numbers) {
        BusinessProfileChanged profile = new BusinessProfileChanged(account, "Held " + account, "America/New_York",
                List.of(numbers), numbers.length > 0 ? numbers[0] : null, null, null, System.nanoTime(), Instant.now(),
                null, twilioAccountSid);
        TopicProbe.send(Topics.SETTINGS_BUSINESS, Keys.account(account), EventJson.encode(profile));
    }

    /** Every sms.events event matching, once the first one appears (and a short quiet period shows no more). */
    public static <E extends SmsEvent> List<E> events(Class<E> type, Predicate<E> matching) {
        return TopicProbe.readUntil(Topics.SMS_EVENTS, records -> records.stream().map(r -> decode(r.value()))
                                .anyMatch(e -> type.isInstance(e) && matching.test(type.cast(e))),
                        Duration.ofSeconds(20), Duration.ofMillis(300)).stream()
                .map(r -> decode(r.value()))
                .filter(type::isInstance).map(type::cast).filter(matching).toList();
    }

    /** The one event of the type for the command. */
    public static <E extends SmsEvent> E event(Class<E> type, String commandId) {
        List<E> found = events(type, e -> e.toString().contains("commandId=" + commandId + ","));
        if (found.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " for " + commandId);
        }
        return found.get(0);
    }

    /** The events of the account, of every type, read once the topic is quiet. */
    public static List<SmsEvent> allEventsOf(String account) {
        return TopicProbe.readAll(Topics.SMS_EVENTS, Duration.ofMillis(500)).stream().map(r -> decode(r.value()))
                .filter(e -> e.accountId().equals(account)).toList();
    }

    public static List<SentMessage> sentTo(String to) {
        return TwilioStandInResource.standIn().sentMessages().stream().filter(m -> to.equals(m.to())
                || ("whatsapp:" + to).equals(m.to())).toList();
    }

    private static SmsEvent decode(String json) {
        return EventJson.decode(json, SmsEvent.class);
    }
}
