package com.mctb.kit.twilio;

import com.twilio.security.RequestValidator;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Checks X-Twilio-Signature with the Twilio SDK's {@link RequestValidator}, against the configured public base URL
 * plus the path and query Twilio called (never the Host header, which a proxy may have rewritten).
 */
@ApplicationScoped
public class TwilioWebhookGuard {

    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final Logger LOG = Logger.getLogger(TwilioWebhookGuard.class);

    @Inject
    TwilioWebhookConfig config;

    @Inject
    MeterRegistry registry;

    private RequestValidator validator;
    private String publicBaseUrl;

    void init(@Observes StartupEvent startup) {
        validator = config.authToken().filter(t -> !t.isBlank()).map(RequestValidator::new).orElse(null);
        publicBaseUrl = config.publicBaseUrl().map(u -> u.replaceAll("/+$", "")).orElse(null);
    }

    /** True when the request carries a valid signature for the URL Twilio called and these form parameters. */
    public boolean isFromTwilio(UriInfo uri, MultivaluedMap<String, String> form, String signature) {
        if (validator == null || publicBaseUrl == null) {
            LOG.error("mctb.twilio.auth-token or mctb.twilio.public-base-url is not set: refusing every webhook");
            return false;
        }
        if (signature == null || signature.isBlank()) {
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
}
