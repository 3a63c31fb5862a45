package com.mctb.gateway.voice;

import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.gateway.calls.CallEffects;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of a Twilio voice webhook the gateway uses, read from its form parameters.
 *
 * @param from             the caller in E.164, or the raw value when withheld or not a phone number
 * @param withheld         the caller's ID was withheld: nobody can be texted
 * @param twilioAccountSid the webhook's AccountSid (the Twilio account that holds our number), or null
 * @param dialCallSid      a dial callback's DialCallSid (the leg Twilio connected the caller to), or null
 */
record TwilioCall(String callSid, String from, boolean withheld, String to, String twilioAccountSid,
        String dialCallSid) {

    private static final Pattern CALL_SID = Pattern.compile("^CA[0-9a-fA-F]{32}$");

    /** Reads the call, or says why this cannot be a Twilio voice webhook. */
    static Parsed parse(MultivaluedMap<String, String> form, String defaultRegion) {
        String callSid = first(form, "CallSid");
        if (callSid == null || callSid.isBlank()) {
            return Parsed.invalid("CallSid is required");
        }
        if (!CALL_SID.matcher(callSid).matches()) {
            return Parsed.invalid("CallSid '" + callSid + "' is not a Twilio CallSid (CA + 32 hex digits)");
        }
        String rawTo = first(form, "To");
        if (rawTo == null || rawTo.isBlank()) {
            return Parsed.invalid("To is required");
        }
        Optional<String> to = PhoneNumbers.toE164(rawTo, defaultRegion);
        if (to.isEmpty()) {
            return Parsed.invalid("To '" + rawTo + "' is not a phone number");
        }
        String rawFrom = first(form, "From");
        if (rawFrom == null) {
            return Parsed.invalid("From is required");
        }
        Optional<String> from = PhoneNumbers.toE164(rawFrom, defaultRegion);
        String caller = from.orElse(rawFrom.isBlank() ? "anonymous" : rawFrom.trim());
        String dialCallSid = first(form, "DialCallSid");
        return new Parsed(new TwilioCall(callSid, caller, from.isEmpty(), to.get(), first(form, "AccountSid"),
                dialCallSid != null && CALL_SID.matcher(dialCallSid).matches() ? dialCallSid : null), null);
    }

    /** The call as the effects take it. */
    CallEffects.Call effects() {
        return new CallEffects.Call(callSid, from, withheld, to, twilioAccountSid,
                dialCallSid == null ? null : new CallEffects.DialedLeg(dialCallSid, null));
    }

    static String first(MultivaluedMap<String, String> form, String name) {
        return form == null ? null : form.getFirst(name);
    }

    /** A call, or the reason the request is not one. */
    record Parsed(TwilioCall call, String problem) {
        static Parsed invalid(String problem) {
            return new Parsed(null, problem);
        }
    }
}
