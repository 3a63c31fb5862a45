package com.mctb.twilio.standin;

import java.util.Map;

/**
 * One Messages API request the stand-in accepted, as Twilio would have received it.
 *
 * @param receivedAtEpochNanos wall-clock arrival time (epoch nanoseconds, from {@code Instant.now()})
 * @param sid                  the Message SID the stand-in answered with
 * @param accountSid           from the request path
 * @param params               the form parameters (To, From, Body, StatusCallback, ...)
 */
public record SentMessage(long receivedAtEpochNanos, String sid, String accountSid, Map<String, String> params) {

    public String to() {
        return params.get("To");
    }

    public String from() {
        return params.get("From");
    }

    public String body() {
        return params.get("Body");
    }
}
