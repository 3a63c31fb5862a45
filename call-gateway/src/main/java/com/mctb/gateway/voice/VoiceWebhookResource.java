package com.mctb.gateway.voice;

import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.gateway.calls.MissedCallReporter;
import com.mctb.gateway.config.GatewayConfig;
import com.mctb.gateway.settings.CallSettingsCache;
import com.mctb.gateway.twiml.CallAnswers;
import com.mctb.kit.twilio.TwilioWebhookConfig;
import com.mctb.kit.twilio.TwilioWebhookGuard;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Twilio's voice webhooks. Every answer is valid TwiML (or a 4xx for what cannot be a Twilio request): a caller
 * never hears an application error, whatever is down behind the gateway.
 */
@Path("/twilio/voice")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_XML)
public class VoiceWebhookResource {

    private static final Logger LOG = Logger.getLogger(VoiceWebhookResource.class);

    @Inject
    TwilioWebhookGuard guard;

    @Inject
    TwilioWebhookConfig twilio;

    @Inject
    GatewayConfig config;

    @Inject
    CallSettingsCache settings;

    @Inject
    MissedCallReporter reporter;

    @Inject
    MeterRegistry registry;

    /** A call to one of our numbers: ring the forward-to targets. */
    @POST
    @Path("incoming")
    public Response incoming(@Context UriInfo uri, @HeaderParam(TwilioWebhookGuard.SIGNATURE_HEADER) String signature,
            MultivaluedMap<String, String> form) {
        return handle("incoming", uri, signature, form, call -> {
            Optional<CallSettingsChanged> numberSettings = settings.forNumber(call.to());
            if (numberSettings.isEmpty()) {
                LOG.warnf("call %s to %s: no account owns this number; voicemail on defaults", call.callSid(),
                        call.to());
                return voicemail(null, null);
            }
            CallSettingsChanged s = numberSettings.get();
            if (s.forwardTo().isEmpty()) {
                // Nobody to ring: the call is missed as it arrives.
                reportMissed(call, s, DialStatus.NO_ANSWER);
                return voicemail(s.greetingUrl(), s.businessName());
            }
            return CallAnswers.dial(s.forwardTo(), s.timeoutSeconds(), s.answerOnBridge(), s.callerId(),
                    url("/twilio/voice/dial-complete"));
        });
    }

    /** The forwarded call ended: a missed call gets voicemail and is reported, an answered one is done. */
    @POST
    @Path("dial-complete")
    public Response dialComplete(@Context UriInfo uri,
            @HeaderParam(TwilioWebhookGuard.SIGNATURE_HEADER) String signature, MultivaluedMap<String, String> form) {
        return handle("dial-complete", uri, signature, form, call -> {
            String rawStatus = TwilioCall.first(form, "DialCallStatus");
            Optional<DialStatus> status = DialStatus.fromTwilio(rawStatus);
            if (status.isEmpty()) {
                LOG.warnf("call %s: unknown DialCallStatus '%s'; ending the call", call.callSid(), rawStatus);
                return CallAnswers.hangUp();
            }
            if (!status.get().isMissed()) {
                return CallAnswers.empty();
            }
            Optional<CallSettingsChanged> s = settings.forNumber(call.to());
            s.ifPresent(known -> reportMissed(call, known, status.get()));
            return voicemail(s.map(CallSettingsChanged::greetingUrl).orElse(null),
                    s.map(CallSettingsChanged::businessName).orElse(null));
        });
    }

    /** After the voicemail was recorded (the recording itself arrives at the recording-status callback). */
    @POST
    @Path("voicemail-done")
    public Response voicemailDone(@Context UriInfo uri,
            @HeaderParam(TwilioWebhookGuard.SIGNATURE_HEADER) String signature, MultivaluedMap<String, String> form) {
        return handle("voicemail-done", uri, signature, form, call -> CallAnswers.hangUp());
    }

    private Response handle(String endpoint, UriInfo uri, String signature, MultivaluedMap<String, String> form,
            Function<TwilioCall, String> answer) {
        if (!guard.isFromTwilio(uri, form, signature)) {
            count(endpoint, "rejected-signature");
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN)
                    .entity("X-Twilio-Signature is missing or does not match this request").build();
        }
        TwilioCall.Parsed parsed = TwilioCall.parse(form, config.defaultRegion());
        if (parsed.call() == null) {
            count(endpoint, "bad-request");
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN).entity(parsed.problem())
                    .build();
        }
        String twiml;
        try {
            twiml = answer.apply(parsed.call());
            count(endpoint, "ok");
        } catch (RuntimeException e) {
            // Never an error to a caller: whatever failed, they still get the voicemail.
            LOG.errorf(e, "call %s at %s failed; answering voicemail on defaults", parsed.call().callSid(), endpoint);
            count(endpoint, "degraded");
            twiml = voicemail(null, null);
        }
        return Response.ok(twiml, MediaType.APPLICATION_XML).build();
    }

    private void reportMissed(TwilioCall call, CallSettingsChanged settings, DialStatus status) {
        CallMissed missed = new CallMissed(call.callSid(), settings.accountId(), call.from(), call.to(), status, null,
                call.withheld(), Instant.now());
        if (reporter.report(missed)) {
            LOG.infof("call %s missed (%s) from %s to account %s", call.callSid(), status.twilioName(),
                    PhoneNumbers.mask(call.from()), settings.accountId());
        }
    }

    private String voicemail(String greetingUrl, String businessName) {
        return CallAnswers.voicemail(greetingUrl, businessName, config.maxVoicemailSeconds(),
                url("/twilio/voice/recording-complete"), url("/twilio/voice/voicemail-done"));
    }

    private String url(String path) {
        return twilio.publicBaseUrl().orElse("").replaceAll("/+$", "") + path;
    }

    private void count(String endpoint, String outcome) {
        registry.counter("mctb.webhooks", "endpoint", endpoint, "outcome", outcome).increment();
    }
}
