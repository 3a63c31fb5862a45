package com.mctb.contracts.event;

import com.mctb.contracts.hours.BusinessHours;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An account's Business Profile as the workflow needs it.
 *
 * @param timeZone       IANA zone id the business's hours are in
 * @param numbers        the account's Twilio numbers, E.164
 * @param defaultNumber  the number texts are sent from unless a step names another
 * @param hours          when the business is open; null when the account has not set hours (treated as always open)
 * @param legacyTextBack the Business Profile's "Missed Call Text Back" toggle
 * @param team           the account's users with their mobiles and notification preferences, and each number's
 *                       assigned user: who is told of missed calls, voicemails and replies; null from a producer
 *                       that did not send it
 * @param twilioAccountSid the Twilio account or subaccount the account's numbers are held by and its texts are sent
 *                       from; null from a producer from before accounts were tied to Twilio (the platform's own
 *                       account is meant)
 */
public record BusinessProfileChanged(
        String accountId,
        String businessName,
        String timeZone,
        List<String> numbers,
        String defaultNumber,
        BusinessHours hours,
        LegacyTextBack legacyTextBack,
        long version,
        Instant changedAt,
        Team team,
        String twilioAccountSid) implements Event {

    public BusinessProfileChanged {
        Require.text(accountId, "accountId");
        Require.text(businessName, "businessName");
        Require.text(timeZone, "timeZone");
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
        legacyTextBack = legacyTextBack == null ? LegacyTextBack.OFF : legacyTextBack;
    }

    /** The record as it was before {@code team} was added. */
    public BusinessProfileChanged(String accountId, String businessName, String timeZone, List<String> numbers,
            String defaultNumber, BusinessHours hours, LegacyTextBack legacyTextBack, long version, Instant changedAt) {
        this(accountId, businessName, timeZone, numbers, defaultNumber, hours, legacyTextBack, version, changedAt, null,
                null);
    }

    /** The record as it was before {@code twilioAccountSid} was added. */
    public BusinessProfileChanged(String accountId, String businessName, String timeZone, List<String> numbers,
            String defaultNumber, BusinessHours hours, LegacyTextBack legacyTextBack, long version, Instant changedAt,
            Team team) {
        this(accountId, businessName, timeZone, numbers, defaultNumber, hours, legacyTextBack, version, changedAt, team,
                null);
    }

    @Override
    public String eventId() {
        return "BusinessProfileChanged/" + accountId + "/" + version;
    }

    /** The hours to act on: the account's, or always open when it has set none. */
    public BusinessHours effectiveHours() {
        return hours != null ? hours : BusinessHours.alwaysOpen(timeZone);
    }

    /** The legacy toggle: when on, every missed call is texted this message, with no wait and no filters. */
    public record LegacyTextBack(boolean enabled, String message) {
        public static final LegacyTextBack OFF = new LegacyTextBack(false, null);
    }

    /**
     * Who on the team hears of what happens in the account's conversations.
     *
     * @param users         the account's users
     * @param assignedUsers each number (E.164) that has an assigned user, to that user's id
     */
    public record Team(List<TeamMember> users, Map<String, String> assignedUsers) {
        public Team {
            users = users == null ? List.of() : List.copyOf(users);
            assignedUsers = assignedUsers == null ? Map.of() : Map.copyOf(assignedUsers);
        }
    }

    /**
     * A user of the account as notifications need them.
     *
     * @param mobile    E.164, or null: a user without a mobile is never texted
     * @param missedCall, voicemail, reply whether this user wants a text on each kind of event
     */
    public record TeamMember(String userId, String name, String mobile, boolean missedCall, boolean voicemail,
            boolean reply) {
        public TeamMember {
            Require.text(userId, "userId");
        }
    }
}
