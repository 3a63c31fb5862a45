package com.mctb.settings.rest;

/** A number Twilio offers for purchase. */
public record AvailableNumberResponse(String phoneNumber, String friendlyName, String locality, String region,
        String country, Capabilities capabilities) {

    public record Capabilities(boolean voice, boolean sms, boolean mms) {
    }
}
