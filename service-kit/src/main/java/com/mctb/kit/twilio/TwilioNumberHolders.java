package com.mctb.kit.twilio;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;

/**
 * The service's answer to "which Twilio account holds the number this webhook is about?", asked by
 * {@link TwilioSignatureFilter} for every {@link TwilioSigned} request. Each service with Twilio webhooks has one
 * bean of this type: it knows which form field (or query parameter, or recorded call) names our number.
 */
public interface TwilioNumberHolders {

    /**
     * Our number this webhook is about and the Twilio account that holds it; empty when the webhook names no number
     * of ours (then it is checked with the token of the account it names, among those configured). May throw when the
     * store that knows is away: the webhook is then answered 503 with Retry-After.
     */
    Optional<Holder> holderOf(Webhook webhook);

    /** What the filter read of a webhook: the endpoint (last path segment), its form and its query. */
    record Webhook(String endpoint, MultivaluedMap<String, String> form, MultivaluedMap<String, String> query) {

        /** The first value of a form field, or null. */
        public String field(String name) {
            return form == null ? null : form.getFirst(name);
        }

        /** The first value of a query parameter, or null. */
        public String queryParameter(String name) {
            return query == null ? null : query.getFirst(name);
        }
    }

    /**
     * One of our numbers and the Twilio account that holds it.
     *
     * @param twilioAccountSid null: the platform's main account
     */
    record Holder(String number, String twilioAccountSid) {
    }
}
