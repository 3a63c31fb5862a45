package com.mctb.kit.twilio;

import com.twilio.security.RequestValidator;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Checks X-Twilio-Signature with the Twilio SDK's {@link RequestValidator}, against the configured public base URL
 * plus the path and query Twilio called (never the Host header, which a proxy may have rewritten), with the auth token
 * of the Twilio account or subaccount the webhook names in {@code AccountSid}.
 */
@ApplicationScoped
public class TwilioWebhookGuard {

    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final Logger LOG = Logger.getLogger(TwilioWebhookGuard.class);

    @Inject
    TwilioWebhookConfig config;

    private RequestValidator mainAccount;
    private final Map<String, RequestValidator> subaccounts = new HashMap<>();
    private String publicBaseUrl;

    void init(@Observes StartupEvent startup) {
        mainAccount = config.authToken().filter(t -> !t.isBlank()).map(RequestValidator::new).orElse(null);
        config.accounts().forEach((sid, account) -> subaccounts.put(sid, new RequestValidator(account.authToken())));
        publicBaseUrl = config.publicBaseUrl().map(u -> u.replaceAll("/+$", "")).orElse(null);
        if (publicBaseUrl == null || mainAccount == null && subaccounts.isEmpty()) {
            LOG.error("mctb.twilio.public-base-url or an auth token is not set: every Twilio webhook will be refused");
        }
    }

    /** True when the request carries a valid signature for the URL Twilio called and these form parameters. */
    public boolean isFromTwilio(UriInfo uri, MultivaluedMap<String, String> form, String signature) {
        if (publicBaseUrl == null || signature == null || signature.isBlank()) {
            return false;
        }
        String accountSid = form == null ? null : form.getFirst("AccountSid");
        RequestValidator validator = accountSid != null && subaccounts.containsKey(accountSid)
                ? subaccounts.get(accountSid) : mainAccount;
        if (validator == null) {
            return false;
        }
        String query = uri.getRequestUri().getRawQuery();
        String url = publicBaseUrl + uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query);
        Map<String, String> params = new HashMap<>();
        if (form != null) {
            form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        }
        return validator.validate(url, params, signature);
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
