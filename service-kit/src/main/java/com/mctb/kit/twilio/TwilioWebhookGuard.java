package com.mctb.kit.twilio;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Checks X-Twilio-Signature ({@link TwilioSignatures}, as the Twilio SDK's {@code RequestValidator} does), against
 * the configured public base URL plus the path and query Twilio called (never the Host header, which a proxy may have
 * rewritten). Endpoints do not call it themselves: they are {@link TwilioSigned}, and {@link TwilioSignatureFilter}
 * asks it once per request.
 *
 * <p>A webhook about one of our numbers is accepted only from the Twilio account that holds the number
 * ({@link #checkHeldBy}): its {@code AccountSid} must be that account, and its signature is checked with that
 * account's token (from {@link TwilioAccounts}), never with a token chosen by what the request says. A webhook about
 * a number nobody registered ({@link #check}) is checked with the token of the account it names, among those
 * configured (no request to Twilio for an account the request merely names).
 */
@ApplicationScoped
public class TwilioWebhookGuard {

    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final Logger LOG = Logger.getLogger(TwilioWebhookGuard.class);

    /** What became of a webhook's credentials; {@link #outcome()} is the metric label. */
    public enum Verdict {
        ACCEPTED("ok"),
        /** Unsigned, or not signed with the token of the account it had to come from. */
        REJECTED_SIGNATURE("rejected-signature"),
        /** Its AccountSid is not the Twilio account that holds the number. */
        REJECTED_ACCOUNT("rejected-account");

        private final String outcome;

        Verdict(String outcome) {
            this.outcome = outcome;
        }

        public String outcome() {
            return outcome;
        }
    }

    @Inject
    TwilioWebhookConfig config;

    @Inject
    TwilioAccounts accounts;

    private String publicBaseUrl;

    @PostConstruct
    void resolve() {
        publicBaseUrl = config.publicBaseUrl().map(u -> u.replaceAll("/+$", "")).orElse(null);
    }

    void init(@Observes StartupEvent startup) {
        boolean anyToken = config.authToken().filter(t -> !t.isBlank()).isPresent() || !config.accounts().isEmpty();
        if (publicBaseUrl == null || !anyToken) {
            LOG.error("mctb.twilio.public-base-url or an auth token is not set: every Twilio webhook will be refused");
        }
        if (accounts.platformAccountSid().isEmpty()) {
            LOG.warn("mctb.twilio.account-sid (TWILIO_ACCOUNT_SID) is not set: webhooks for numbers of the main account"
                    + " are checked with its token whatever AccountSid they name, and subaccounts' tokens cannot be"
                    + " fetched");
        }
    }

    /**
     * A webhook about a number held by the Twilio account {@code holderAccountSid} (null: the platform's main
     * account): accepted only when it names that AccountSid and is signed with that account's token.
     */
    public Verdict checkHeldBy(String pathAndQuery, Map<String, String> params, String signature,
            String holderAccountSid) {
        if (publicBaseUrl == null || signature == null || signature.isBlank()) {
            return Verdict.REJECTED_SIGNATURE;
        }
        String named = params.get("AccountSid");
        String holder = holderAccountSid != null ? holderAccountSid : accounts.platformAccountSid().orElse(null);
        if (holder != null && !holder.equals(named)) {
            return Verdict.REJECTED_ACCOUNT;
        }
        Optional<String> token = holderAccountSid == null ? accounts.configuredToken(null) : accounts.authToken(holder);
        if (token.isEmpty()) {
            LOG.warnf("no auth token for Twilio account %s: its webhook is refused", holder);
            return Verdict.REJECTED_SIGNATURE;
        }
        return valid(pathAndQuery, params, signature, token.get()) ? Verdict.ACCEPTED : Verdict.REJECTED_SIGNATURE;
    }

    /**
     * A webhook about no number of ours (or whose holder cannot be told): checked with the token of the account it
     * names when that one is configured, else with the main account's.
     */
    public Verdict check(String pathAndQuery, Map<String, String> params, String signature) {
        if (publicBaseUrl == null || signature == null || signature.isBlank()) {
            return Verdict.REJECTED_SIGNATURE;
        }
        String named = params.get("AccountSid");
        Optional<String> token = accounts.configuredToken(named).or(() -> accounts.configuredToken(null));
        return token.isPresent() && valid(pathAndQuery, params, signature, token.get())
                ? Verdict.ACCEPTED : Verdict.REJECTED_SIGNATURE;
    }

    /**
     * @param pathAndQuery the raw path and query Twilio called, e.g. {@code /twilio/voice/screen?number=%2B1555…}
     * @param params       each POST parameter's first value
     */
    private boolean valid(String pathAndQuery, Map<String, String> params, String signature, String token) {
        return TwilioSignatures.matches(token, publicBaseUrl + pathAndQuery, params, signature);
    }

    /** The product account a Twilio (sub)account is configured to serve, if any. */
    public Optional<String> accountFor(String twilioAccountSid) {
        return Optional.ofNullable(twilioAccountSid).map(sid -> config.accounts().get(sid))
                .flatMap(TwilioWebhookConfig.TwilioAccount::accountId);
    }

    /** The public URL of a path of this service, e.g. a callback to put into TwiML. */
    public String publicUrl(String path) {
        return (publicBaseUrl == null ? "" : publicBaseUrl) + path;
    }
}
