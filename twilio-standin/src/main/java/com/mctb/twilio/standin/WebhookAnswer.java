package com.mctb.twilio.standin;

/**
 * What a service answered a webhook the stand-in posted as Twilio (an incoming call, an inbound text).
 *
 * @param url    the webhook URL as configured at the number (before any redirect to a local port)
 * @param status the HTTP status answered; 0 when the service could not be reached
 * @param body   the body answered (TwiML), or the connection error
 */
public record WebhookAnswer(String url, int status, String body) {
}
