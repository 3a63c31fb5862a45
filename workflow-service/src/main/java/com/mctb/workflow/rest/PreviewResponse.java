package com.mctb.workflow.rest;

/**
 * A rendered text and how it would be billed.
 *
 * @param encoding   "GSM-7" or "UCS-2"
 * @param segments   the segments Twilio would bill
 * @param characters characters as a person counts them
 */
public record PreviewResponse(String text, String encoding, int segments, int characters) {
}
