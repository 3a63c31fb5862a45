package com.mctb.settings.domain.twilio;

/** One field of a number's Twilio configuration that is not what the product set (someone edited it at Twilio). */
public record Drift(String field, String expected, String actual) {
}
