package com.mctb.gateway.voice;

import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.gateway.calls.CallOutcomes;
import com.mctb.gateway.calls.EndedCalls;
import com.mctb.gateway.calls.HumanConfirmations;
import com.mctb.gateway.calls.MissedCallPublisher;
import com.mctb.gateway.calls.RingClock;
import com.mctb.gateway.calls.VoicemailReporter;
import com.mctb.gateway.config.GatewayConfig;
import com.mctb.gateway.settings.CallSettingsCache;
import com.mctb.gateway.twiml.CallAnswers;
import com.mctb.kit.kafka.Failures;
import com.mctb.kit.twilio.TwilioWebhookGuard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Twilio's voice webhooks. During a call every answer is valid TwiML (or a 4xx for what cannot be a Twilio
 * request): a caller never hears an application error, whatever is down behind the gateway.
 */
@Path("/twilio/voice")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_XML)
public class VoiceWebhookResource {

    private static final Logger LOG = Logger.getLogger(VoiceWebhookResource.class);
    private static final Pattern CALL_SID = Pattern.compile("^CA[0-9a-fA-F]{32}$");
    private static final Pattern RECORDING_SID = Pattern.compile("^RE[0-9a-fA-F]{32}$");
    private static final Set<String> FINAL_CALL_STATUSES = Set.of("completed", "busy", "failed", "no-answer", "canceled");

    @Inject
    TwilioWebhookGuard guard;

    @Inject
    GatewayConfig config;

    @Inject
    CallSettingsCache settings;

    @Inject
    MissedCallPublisher missedCalls;

    @Inject
    CallOutcomes outcomes;

    @Inject
    HumanConfirmations confirmations;

    @Inject
    EndedCalls endedCalls;

    @Inject
    VoicemailReporter voicemails;

    @Inject
    RingClock ringClock;

    @Inject
    MeterRegistry registry;

    /** A call to one of our numbers: ring the forward-to targets with the number's effective settings. */
    @POST
    @Path("incoming")
    public Response incoming(@Context UriInfo uri, @HeaderParam(TwilioWebhookGuard.SIGNATURE_HEADER) String signature,
            MultivaluedMap<String, String> form) {
        return duringCall("incoming", uri, signature, form, call -> {
            Optional<CallSettingsChanged> found = settingsFor(call, form);
            if (found.isEmpty()) {
                LOG.warnf("call %s to %s: no account owns this number; voicemail on defaults", call.callSid(),
                        PhoneNumbers.mask(call.to()));
                registry.counter("mctb.calls.unrouted").increment();
                return voicemail(null, null);
            }
            CallSettingsChanged s = found.get();
            if (s.forwardTo().isEmpty()) {
                // Nobody to ring: the call is missed as it arrives.
                reportMissed(call, s, DialStatus.NO_ANSWER, 0);
                return voicemail(s.greetingUrl(), s.businessName());
            }
            ringClock.started(call.callSid());
            String screen = s.humanAnswerConfirmation()
                    ? guard.publicUrl("/twilio/voice/screen?number=" + URLEncoder.encode(call.to(), StandardCharsets.UTF_8))
                    : null;
            return CallAnswers.dial(s.forwardTo(), s.timeoutSeconds(), s.answerOnBridge(), s.callerId(),
                    guard.publicUrl("/twilio/voice/dial-complete"), screen);
        });
    }

    /** The forwarded call ended: a missed call gets voicemail and is reported, an answered one is done. */
    @POST
    @Path("dial-complete")
    public Response dialComplete(@Context UriInfo uri,
            @HeaderParam(TwilioWebhookGuard.SIGNATURE_HEADER) String signature, MultivaluedMap<String, String> form) {
        return duringCall("dial-complete", uri, signature, form, call -> {
            String rawStatus = form.getFirst("DialCallStatus");
            Optional<DialStatus> status = DialStatus.fromTwilio(rawStatus);
            if (status.isEmpty()) {
                LOG.warnf("call %s: unknown DialCallStatus '%s'; ending the call", call.callSid(), rawStatus);
                registry.counter("mctb.webhooks.unknown.dial.status").increment();
                return CallAnswers.hangUp();
            }
            Optional<CallSettingsChanged> found = settingsFor(call, form);
            Integer rang = ringClock.secondsSince(call.callSid());
            if (found.isEmpty()) {
                return status.get().isMissed() ? voicemail(null, null) : CallAnswers.empty();
            }
            CallSettingsChanged s = found.get();
            if (status.get().isMissed()) {
                reportMissed(call, s, status.get(), rang);
                return voicemail(s.greetingUrl(), s.businessName());
            }
            if (s.humanAnswerConfirmation() && !confirmedByAPerson(call.callSid())) {
                // Answered, but nobody pressed a key: the forwarded phone's own voicemail took it.
                LOG.infof("call %s: forwarded leg answered without confirmation; counted as missed", call.callSid());
                reportMissed(call, s, DialStatus.NO_ANSWER, rang);
                return voicemail(s.greetingUrl(), s.businessName());
            }
            try {
                outcomes.recordAnswered(call.callSid(), s.accountId(), call.from(), call.to(), call.withheld(), status.get());
            } catch (RuntimeException e) {
                LOG.warnf("call %s answered; could not record it (%s)", call.callSid(), Failures.describe(e));
            }
            return CallAnswers.empty();
        });
    }

    /** After the voicemail was recorded (the recording itself arrives at recording-complete). */
    @POST
    @Path("voicemail-done")
    public Response voicemailDone(@Context UriInfo uri,
            @HeaderParam(TwilioWebhookGuard.SIGNATURE_HEADER) String signature, MultivaluedMap<String, String> form) {
        return duringCall("voicemail-done", uri, signature, form, call -> CallAnswers.hangUp());
    }

    /** Whoever picked up a screened forward (a person, or a voicemail system) hears this before being connected. */
    @POST
    @Path("screen")
    public Response screen(@Context UriInfo uri, @HeaderParam(TwilioWebhookGuard.SIGNATURE_HEADER) String signature,
            @QueryParam("number") String number, MultivaluedMap<String, String> form) {
        return forwardedLeg("screen", uri, signature, form, parentCallSid -> CallAnswers.screen(
                settings.forNumber(number == null ? "" : number).map(CallSettingsChanged::businessName).orElse(null),
                config.screeningSeconds(), guard.publicUrl("/twilio/voice/screen-result"
                        + (number == null ? "" : "?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8)))));
    }

    /** A key was pressed on a screened forward: a person is there; connect them. */
    @POST
    @Path("screen-result")
    public Response screenResult(@Context UriInfo uri,
            @HeaderParam(TwilioWebhookGuard.SIGNATURE_HEADER) String signature, MultivaluedMap<String, String> form) {
        return forwardedLeg("screen-result", uri, signature, form, parentCallSid -> {
            String digits = form.getFirst("Digits");
            if (digits == null || digits.isBlank()) {
                return CallAnswers.hangUp();
            }
            try {
                confirmations.confirm(parentCallSid);
            } catch (RuntimeException e) {
                LOG.warnf("call %s: confirmation not recorded (%s)", parentCallSid, Failures.describe(e));
            }
            return CallAnswers.empty();
        });
    }

    /** The voicemail's recording is ready: VoicemailRecorded, once per recording. */
    @POST
    @Path("recording-complete")
    public Response recordingComplete(@Context UriInfo uri,
            @HeaderParam(TwilioWebhookGuard.SIGNATURE_HEADER) String signature, MultivaluedMap<String, String> form) {
        return afterCall("recording-complete", uri, signature, form, this::numberOfTheCall, () -> {
            String callSid = form.getFirst("CallSid");
            String recordingSid = form.getFirst("RecordingSid");
            if (callSid == null || !CALL_SID.matcher(callSid).matches()) {
                return badRequest("CallSid is missing or not a Twilio CallSid");
            }
            if (recordingSid == null || !RECORDING_SID.matcher(recordingSid).matches()) {
                return badRequest("RecordingSid is missing or not a Twilio RecordingSid (RE + 32 hex digits)");
            }
            if ("completed".equals(form.getFirst("RecordingStatus"))) {
                voicemails.recorded(callSid, recordingSid, form.getFirst("RecordingUrl"),
                        integer(form.getFirst("RecordingDuration")), form.getFirst("AccountSid"));
            }
            return Response.ok(CallAnswers.empty(), MediaType.APPLICATION_XML).build();
        });
    }

    /**
     * Twilio's transcription of a voicemail (the {@code <Record transcribeCallback>}): VoicemailTranscribed, once per
     * recording; a failed transcription is reported as failed (the voicemail still plays). One for a recording this
     * gateway never reported is logged and answered 200, so Twilio stops retrying it.
     */
    @POST
    @Path("transcription")
    public Response transcription(@Context UriInfo uri,
            @HeaderParam(TwilioWebhookGuard.SIGNATURE_HEADER) String signature, MultivaluedMap<String, String> form) {
        return afterCall("transcription", uri, signature, form, this::numberOfTheCall, () -> {
            String recordingSid = form.getFirst("RecordingSid");
            if (recordingSid == null || !RECORDING_SID.matcher(recordingSid).matches()) {
                return badRequest("RecordingSid is missing or not a Twilio RecordingSid (RE + 32 hex digits)");
            }
            String status = String.valueOf(form.getFirst("TranscriptionStatus"));
            if (!status.equals("completed") && !status.equals("failed")) {
                return badRequest("TranscriptionStatus must be completed or failed, not '" + status + "'");
            }
            String text = form.getFirst("TranscriptionText");
            boolean failed = status.equals("failed") || text == null || text.isBlank();
            voicemails.transcribed(recordingSid, failed, failed ? null : text.strip());
            return Response.ok(CallAnswers.empty(), MediaType.APPLICATION_XML).build();
        });
    }

    /**
     * Twilio's status callback for the caller's call. A final status for a call the dial callback never decided on
     * (the caller hung up before or while it rang) is reported as missed after a grace period.
     */
    @POST
    @Path("status")
    public Response status(@Context UriInfo uri, @HeaderParam(TwilioWebhookGuard.SIGNATURE_HEADER) String signature,
            MultivaluedMap<String, String> form) {
        return afterCall("status", uri, signature, form, this::toNumber, () -> {
            TwilioCall.Parsed parsed = TwilioCall.parse(form, config.defaultRegion());
            if (parsed.call() == null) {
                return badRequest(parsed.problem());
            }
            TwilioCall call = parsed.call();
            String callStatus = String.valueOf(form.getFirst("CallStatus")).toLowerCase(java.util.Locale.ROOT);
            String direction = String.valueOf(form.getFirst("Direction"));
            if (FINAL_CALL_STATUSES.contains(callStatus) && direction.startsWith("inbound")) {
                settingsFor(call, form).ifPresent(s -> endedCalls.ended(call.callSid(), s.accountId(), call.from(),
                        call.to(), call.withheld(), callStatus));
            }
            return Response.ok(CallAnswers.empty(), MediaType.APPLICATION_XML).build();
        });
    }

    /** Checks, parses and answers a webhook that is part of a live call: TwiML whatever happens behind. */
    private Response duringCall(String endpoint, UriInfo uri, String signature, MultivaluedMap<String, String> form,
            Function<TwilioCall, String> answer) {
        Timer.Sample timing = Timer.start(registry);
        try {
            Optional<Response> refused = refused(endpoint, uri, signature, form, toNumber(form));
            if (refused.isPresent()) {
                return refused.get();
            }
            TwilioCall.Parsed parsed = TwilioCall.parse(form, config.defaultRegion());
            if (parsed.call() == null) {
                count(endpoint, "bad-request");
                return badRequest(parsed.problem());
            }
            String twiml;
            MDC.put("callSid", parsed.call().callSid());
            try {
                twiml = answer.apply(parsed.call());
                count(endpoint, "ok");
            } catch (RuntimeException e) {
                // Never an error to a caller: whatever failed, they still get the voicemail.
                LOG.errorf(e, "call %s at %s failed; answering voicemail on defaults", parsed.call().callSid(), endpoint);
                count(endpoint, "degraded");
                twiml = voicemail(null, null);
            } finally {
                MDC.remove("callSid");
            }
            return Response.ok(twiml, MediaType.APPLICATION_XML).build();
        } finally {
            timing.stop(registry.timer("mctb.webhook.latency", "endpoint", endpoint));
        }
    }

    /** A webhook on the forwarded leg of a screened call, identified by the caller's ParentCallSid. */
    private Response forwardedLeg(String endpoint, UriInfo uri, String signature, MultivaluedMap<String, String> form,
            Function<String, String> answer) {
        // The forwarded leg's To is the phone rung; our number (the caller's To) is in the URL we gave Twilio.
        Optional<Response> refused = refused(endpoint, uri, signature, form,
                uri.getQueryParameters().getFirst("number"));
        if (refused.isPresent()) {
            return refused.get();
        }
        String parent = form.getFirst("ParentCallSid");
        if (parent == null || !CALL_SID.matcher(parent).matches()) {
            count(endpoint, "bad-request");
            return badRequest("ParentCallSid is missing or not a Twilio CallSid");
        }
        count(endpoint, "ok");
        return Response.ok(answer.apply(parent), MediaType.APPLICATION_XML).build();
    }

    /**
     * A callback after (or beside) the call: no caller hears the answer. If the database is away, 503 asks Twilio
     * to try again rather than losing the event.
     */
    private Response afterCall(String endpoint, UriInfo uri, String signature, MultivaluedMap<String, String> form,
            Function<MultivaluedMap<String, String>, String> number, java.util.function.Supplier<Response> handle) {
        try {
            Optional<Response> refused = refused(endpoint, uri, signature, form, number.apply(form));
            if (refused.isPresent()) {
                return refused.get();
            }
            Response response = handle.get();
            count(endpoint, response.getStatus() == 200 ? "ok" : "bad-request");
            return response;
        } catch (RuntimeException e) {
            LOG.errorf("%s failed: %s", endpoint, Failures.describe(e));
            count(endpoint, "unavailable");
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.TEXT_PLAIN)
                    .header("Retry-After", "10").entity("temporarily unable to record this callback; retry").build();
        }
    }

    /**
     * Refuses a webhook that is not Twilio's, or that comes from another Twilio account than the one holding
     * {@code number} (the CallSettingsChanged.twilioAccountSid of its settings; null there: the platform's main
     * account). A number no account registered is checked by the account the webhook names, among those configured.
     */
    private Optional<Response> refused(String endpoint, UriInfo uri, String signature,
            MultivaluedMap<String, String> form, String number) {
        Optional<CallSettingsChanged> held = number == null ? Optional.empty() : settings.forNumber(number);
        TwilioWebhookGuard.Verdict verdict = held.isPresent()
                ? guard.checkHeldBy(uri, form, signature, held.get().twilioAccountSid())
                : guard.check(uri, form, signature);
        switch (verdict) {
            case ACCEPTED:
                return Optional.empty();
            case REJECTED_ACCOUNT:
                LOG.warnf("%s webhook for %s names Twilio account %s, which does not hold that number: refused",
                        endpoint, PhoneNumbers.mask(number), form.getFirst("AccountSid"));
                count(endpoint, verdict.outcome());
                return Optional.of(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_XML)
                        .entity(CallAnswers.empty()).build());
            default:
                return Optional.of(forbidden(endpoint));
        }
    }

    /** The webhook's To in E.164, when it has one. */
    private String toNumber(MultivaluedMap<String, String> form) {
        String to = TwilioCall.first(form, "To");
        return to == null ? null : PhoneNumbers.toE164(to, config.defaultRegion()).orElse(null);
    }

    /** The number a recording's call was made to, as the gateway recorded the call (by CallSid, else RecordingSid). */
    private String numberOfTheCall(MultivaluedMap<String, String> form) {
        String callSid = form == null ? null : form.getFirst("CallSid");
        if (callSid == null || !CALL_SID.matcher(callSid).matches()) {
            String recordingSid = form == null ? null : form.getFirst("RecordingSid");
            callSid = recordingSid == null || !RECORDING_SID.matcher(recordingSid).matches() ? null
                    : voicemails.find(recordingSid).map(VoicemailReporter.Voicemail::callSid).orElse(null);
        }
        return callSid == null ? null : outcomes.find(callSid).map(CallOutcomes.DecidedCall::to).orElse(null);
    }

    /** The number's effective settings; for a number not registered (yet), the Twilio (sub)account's defaults. */
    private Optional<CallSettingsChanged> settingsFor(TwilioCall call, MultivaluedMap<String, String> form) {
        return settings.forNumber(call.to())
                .or(() -> guard.accountFor(form.getFirst("AccountSid")).flatMap(settings::forAccount));
    }

    private void reportMissed(TwilioCall call, CallSettingsChanged settings, DialStatus status, Integer rang) {
        missedCalls.publish(new CallMissed(call.callSid(), settings.accountId(), call.from(), call.to(), status, rang,
                call.withheld(), Instant.now()));
    }

    private boolean confirmedByAPerson(String callSid) {
        try {
            return confirmations.isConfirmed(callSid);
        } catch (RuntimeException e) {
            // Unknown: the call was connected, so assume a person took it rather than text someone who talked.
            return true;
        }
    }

    private String voicemail(String greetingUrl, String businessName) {
        return CallAnswers.voicemail(greetingUrl, businessName, config.maxVoicemailSeconds(),
                guard.publicUrl("/twilio/voice/recording-complete"), guard.publicUrl("/twilio/voice/voicemail-done"),
                guard.publicUrl("/twilio/voice/transcription"));
    }

    private Response forbidden(String endpoint) {
        count(endpoint, "rejected-signature");
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN)
                .entity("X-Twilio-Signature is missing or does not match this request").build();
    }

    private static Response badRequest(String problem) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN).entity(problem).build();
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void count(String endpoint, String outcome) {
        registry.counter("mctb.webhooks", "endpoint", endpoint, "outcome", outcome).increment();
    }
}
