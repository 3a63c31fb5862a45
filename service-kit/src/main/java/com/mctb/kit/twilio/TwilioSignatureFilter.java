package com.mctb.kit.twilio;

import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.kit.kafka.Failures;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The one signature check of every {@link TwilioSigned} endpoint, before the method runs: reads the form once (and
 * puts it back for the method), asks the service's {@link TwilioNumberHolders} which Twilio account holds the number
 * the webhook is about, and lets {@link TwilioWebhookGuard} check the AccountSid and X-Twilio-Signature (one HMAC).
 * A refused webhook never reaches the method:
 * <ul>
 *   <li>another account's webhook (even validly signed by it): 403 with an empty {@code <Response/>}, counted as
 *       {@code mctb.webhooks{endpoint,outcome="rejected-account"}} and logged with the number masked;
 *   <li>unsigned or badly signed: 403 text/plain, counted as {@code rejected-signature};
 *   <li>the holder cannot be looked up (its store is away): 503 with Retry-After, counted as {@code unavailable}, so
 *       Twilio retries.
 * </ul>
 * The endpoint label is the last segment of the path (e.g. {@code dial-complete}).
 */
@Provider
@TwilioSigned
@Priority(Priorities.AUTHENTICATION)
public class TwilioSignatureFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(TwilioSignatureFilter.class);
    /** The form as the filter read it, for a method that wants it without parsing again. */
    public static final String FORM_PROPERTY = TwilioSignatureFilter.class.getName() + ".form";
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    @Inject
    TwilioWebhookGuard guard;

    @Inject
    Instance<TwilioNumberHolders> holders;

    @Inject
    MeterRegistry registry;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        URI uri = request.getUriInfo().getRequestUri();
        String endpoint = endpoint(uri.getRawPath());
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        MultivaluedMap<String, String> form = parseForm(body);
        request.setProperty(FORM_PROPERTY, form);

        Optional<TwilioNumberHolders.Holder> holder;
        try {
            holder = holders.isResolvable()
                    ? holders.get().holderOf(new TwilioNumberHolders.Webhook(endpoint, form,
                            request.getUriInfo().getQueryParameters()))
                    : Optional.empty();
        } catch (RuntimeException e) {
            LOG.errorf("%s webhook: cannot tell which Twilio account holds its number (%s)", endpoint,
                    Failures.describe(e));
            count(endpoint, "unavailable");
            request.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.TEXT_PLAIN)
                    .header("Retry-After", "10").entity("temporarily unable to check this webhook; retry").build());
            return;
        }

        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Map<String, String> params = firstValues(form);
        String signature = request.getHeaderString(TwilioWebhookGuard.SIGNATURE_HEADER);
        TwilioWebhookGuard.Verdict verdict = holder.isPresent()
                ? guard.checkHeldBy(pathAndQuery, params, signature, holder.get().twilioAccountSid())
                : guard.check(pathAndQuery, params, signature);
        switch (verdict) {
            case ACCEPTED -> {
            }
            case REJECTED_ACCOUNT -> {
                LOG.warnf("%s webhook for %s names Twilio account %s, which does not hold that number: refused",
                        endpoint, PhoneNumbers.mask(holder.get().number()), params.get("AccountSid"));
                count(endpoint, verdict.outcome());
                request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_XML)
                        .entity(EMPTY_TWIML).build());
            }
            default -> {
                count(endpoint, verdict.outcome());
                request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN)
                        .entity("X-Twilio-Signature is missing or does not match this request").build());
            }
        }
    }

    private void count(String endpoint, String outcome) {
        registry.counter("mctb.webhooks", "endpoint", endpoint, "outcome", outcome).increment();
    }

    static String endpoint(String rawPath) {
        String path = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** application/x-www-form-urlencoded, as Twilio posts it. */
    static MultivaluedMap<String, String> parseForm(byte[] body) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        if (body.length == 0) {
            return form;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('&', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                String pair = text.substring(start, end);
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    form.add(name, value);
                } catch (IllegalArgumentException malformed) {
                    // Not form-encoded as Twilio encodes: left out, so the signature cannot match.
                }
            }
            start = end + 1;
        }
        return form;
    }

    private static Map<String, String> firstValues(MultivaluedMap<String, String> form) {
        Map<String, String> params = new TreeMap<>();
        form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        return params;
    }
}
