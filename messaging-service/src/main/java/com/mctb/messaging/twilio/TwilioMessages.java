package com.mctb.messaging.twilio;

import com.mctb.contracts.event.Channel;
import com.mctb.messaging.domain.TwilioErrors;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;

/**
 * Twilio's Messages API through the SDK: create a text, and list the texts sent to a number (reconciliation), under
 * the Twilio account the text is sent through ({@code /Accounts/{AccountSid}/Messages}): the account's subaccount,
 * which the platform's credentials may act on as its parent, or, with none, the platform's main account.
 */
@ApplicationScoped
public class TwilioMessages {

    @Inject
    TwilioRestClient twilio;

    /**
     * Asks Twilio to send the text.
     *
     * @param accountSid the Twilio account to send it through; null: the platform's main account
     * @throws Refused when Twilio answered an error or did not answer, with what that means for the text
     */
    public Created create(String accountSid, Channel channel, String from, String to, String body,
            String statusCallback) {
        try {
            PhoneNumber recipient = new PhoneNumber(address(channel, to));
            PhoneNumber sender = new PhoneNumber(address(channel, from));
            MessageCreator creator = accountSid == null ? new MessageCreator(recipient, sender, body)
                    : new MessageCreator(accountSid, recipient, sender, body);
            Message m = creator
                    .setStatusCallback(statusCallback)
                    .create(twilio);
            return new Created(m.getSid(), m.getStatus() == null ? null : m.getStatus().toString(), integer(m.getNumSegments()));
        } catch (TwilioException e) {
            throw Refused.of(e);
        }
    }

    /**
     * The outgoing texts the Twilio account has from {@code from} to {@code to} created since {@code since}: one page
     * of Twilio's list filtered by To and From (one business number and one caller: a handful of texts), the creation
     * time checked here. Not Twilio's {@code DateSent>} filter: Twilio sets {@code date_sent} only once it hands a
     * message to the carrier, so a message still queued at Twilio (the very one we are looking for, on a busy
     * number) would not match it and would be sent again.
     */
    public List<Listed> sentTo(String accountSid, Channel channel, String from, String to, Instant since) {
        try {
            return (accountSid == null ? Message.reader() : Message.reader(accountSid))
                    .setTo(address(channel, to)).setFrom(address(channel, from))
                    .setPageSize(50L)
                    .firstPage(twilio).getRecords().stream()
                    .filter(m -> m.getDateCreated() == null || !m.getDateCreated().toInstant().isBefore(since))
                    .map(m -> new Listed(m.getSid(), m.getBody(),
                            m.getDateCreated() == null ? null : m.getDateCreated().toInstant(),
                            m.getStatus() == null ? null : m.getStatus().toString()))
                    .toList();
        } catch (TwilioException e) {
            throw Refused.of(e);
        }
    }

    public static String address(Channel channel, String e164) {
        return channel == Channel.WHATSAPP ? "whatsapp:" + e164 : e164;
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Twilio took the text. */
    public record Created(String sid, String status, Integer numSegments) {
    }

    /** A text Twilio lists. */
    public record Listed(String sid, String body, Instant createdAt, String status) {
    }

    /**
     * Twilio did not take the text, or we do not know whether it did.
     *
     * @param outcome    what follows for the text
     * @param code       Twilio's error code, when it answered one
     * @param httpStatus the HTTP status, when it answered
     * @param label      a bounded label for metrics: the code, or "timeout" / "connection"
     */
    public static final class Refused extends RuntimeException {

        private final Outcome outcome;
        private final Integer code;
        private final Integer httpStatus;
        private final String label;

        Refused(Outcome outcome, Integer code, Integer httpStatus, String label, String message, Throwable cause) {
            super(message, cause, false, false);
            this.outcome = outcome;
            this.code = code;
            this.httpStatus = httpStatus;
            this.label = label;
        }

        /** What Twilio's error, or its silence, means for the text. */
        public static Refused of(TwilioException e) {
            if (e instanceof ApiException api && api.getStatusCode() != null) {
                Integer code = api.getCode();
                TwilioErrors.Kind kind = TwilioErrors.kind(api.getStatusCode(), code);
                Outcome outcome = switch (kind) {
                    case RETRY -> Outcome.NOT_TAKEN;
                    case MAYBE_TAKEN -> Outcome.UNKNOWN;
                    case FINAL -> Outcome.FINAL;
                    case WHATSAPP_SESSION_CLOSED -> Outcome.WHATSAPP_SESSION_CLOSED;
                };
                return new Refused(outcome, code, api.getStatusCode(),
                        code != null ? code.toString() : "http-" + api.getStatusCode(), e.getMessage(), e);
            }
            // No answer. Whether the request reached Twilio depends on where it broke.
            if (neverSent(e)) {
                return new Refused(Outcome.NOT_TAKEN, null, null, "connection", "no connection to Twilio: " + e.getMessage(), e);
            }
            return new Refused(Outcome.UNKNOWN, null, null, "timeout", "no answer from Twilio: " + e.getMessage(), e);
        }

        /**
         * Reading Twilio's list failed: whatever Twilio answered, whether it took the text is still unknown (a 401
         * on the list says nothing about the text), so the text is neither failed nor sent again.
         */
        public static Refused stillUnknown(Refused lookup) {
            return new Refused(Outcome.UNKNOWN, lookup.code, lookup.httpStatus, lookup.label,
                    "Twilio's list could not be read: " + lookup.getMessage(), lookup);
        }

        /** The connection was never made, so the request cannot have reached Twilio. */
        private static boolean neverSent(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                        || t instanceof org.apache.hc.client5.http.ConnectTimeoutException
                        || t instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException) {
                    return true;
                }
                if (t instanceof InterruptedIOException) {
                    return false;
                }
            }
            return false;
        }

        public Outcome outcome() {
            return outcome;
        }

        public Integer code() {
            return code;
        }

        public Integer httpStatus() {
            return httpStatus;
        }

        public String label() {
            return label;
        }
    }

    /** What a refusal means. */
    public enum Outcome {
        /** Twilio did not take it (429, no connection): may be tried again. */
        NOT_TAKEN,
        /** The request may have reached Twilio and been taken (5xx, no answer): ask Twilio before trying again. */
        UNKNOWN,
        /** Refused for good. */
        FINAL,
        /** WhatsApp refused: no open session. */
        WHATSAPP_SESSION_CLOSED
    }
}
