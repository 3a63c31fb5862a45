package com.mctb.gateway.voice;

import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.gateway.calls.CallEffects;
import com.mctb.gateway.calls.VoicemailReporter;
import com.mctb.gateway.calls.WhoAnswered;
import com.mctb.gateway.config.GatewayConfig;
import com.mctb.gateway.domain.CallDecision;
import com.mctb.gateway.domain.CallFlow;
import com.mctb.gateway.domain.RingLegs;
import com.mctb.gateway.recordings.CallRecordings;
import com.mctb.gateway.settings.CallSettingsCache;
import com.mctb.gateway.twiml.CallAnswers;
import com.mctb.kit.kafka.Failures;
import com.mctb.kit.twilio.TwilioSigned;
import com.mctb.kit.twilio.TwilioWebhookGuard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Twilio's voice webhooks: reads the form, asks {@link CallFlow} what to do, answers TwiML ({@link CallAnswers}) and
 * hands the effect to {@link CallEffects}. Every endpoint is {@link TwilioSigned}: the signature and the account that
 * holds the number were checked before a method runs. During a call every answer is valid TwiML (or a 4xx for what
 * cannot be a Twilio request), within {@code mctb.gateway.write-deadline} plus a spool write: a caller never hears an
 * application error, whatever is down or slow behind the gateway.
 */
@Path("/twilio/voice")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_XML)
@TwilioSigned
@Singleton
public class VoiceWebhookResource {

    private static final Logger LOG = Logger.getLogger(VoiceWebhookResource.class);
    private static final Pattern CALL_SID = Pattern.compile("^CA[0-9a-fA-F]{32}$");
    private static final Pattern RECORDING_SID = Pattern.compile("^RE[0-9a-fA-F]{32}$");
    /** However long the effect takes (a stalled disk), the caller is answered by then. */
    private static final long ANSWER_BY_MILLIS = 800;
    /** Spoken before a recorded call when the settings carry no consent text (settings-service's default). */
    static final String DEFAULT_CONSENT = "This call may be recorded.";

    private final CallFlow flow = new CallFlow();

    @Inject
    GatewayConfig config;

    @Inject
    CallSettingsCache settings;

    @Inject
    TwilioWebhookGuard guard;

    @Inject
    CallEffects effects;

    @Inject
    VoicemailReporter voicemails;

    @Inject
    CallRecordings recordings;

    @Inject
    MeterRegistry registry;

    private String dialCompleteUrl;
    private String screenResultUrl;
    private String recordingCompleteUrl;
    private String voicemailDoneUrl;
    private String transcriptionUrl;
    private String legCompleteUrl;
    private String callRecordingUrl;

    @PostConstruct
    void urls() {
        dialCompleteUrl = guard.publicUrl("/twilio/voice/dial-complete");
        screenResultUrl = guard.publicUrl("/twilio/voice/screen-result");
        recordingCompleteUrl = guard.publicUrl("/twilio/voice/recording-complete");
        voicemailDoneUrl = guard.publicUrl("/twilio/voice/voicemail-done");
        transcriptionUrl = guard.publicUrl("/twilio/voice/transcription");
        legCompleteUrl = guard.publicUrl("/twilio/voice/leg-complete");
        callRecordingUrl = guard.publicUrl("/twilio/voice/call-recording");
    }

    /** A call to one of our numbers: ring the forward-to targets with the number's effective settings. */
    @POST
    @Path("incoming")
    @Blocking
    public CompletionStage<Response> incoming(MultivaluedMap<String, String> form) {
        return duringCall("incoming", form, call -> {
            CallDecision decision = flow.incoming(settingsFor(call, form));
            if (decision.effect() == CallDecision.Effect.COUNT_UNROUTED) {
                LOG.warnf("call %s to %s: no account owns this number; voicemail on defaults", call.callSid(),
                        PhoneNumbers.mask(call.to()));
            }
            return decision;
        });
    }

    /** The forwarded call ended: a missed call gets voicemail and is reported, an answered one is done. */
    @POST
    @Path("dial-complete")
    @Blocking
    public CompletionStage<Response> dialComplete(MultivaluedMap<String, String> form) {
        return duringCall("dial-complete", form, call -> flow.dialEnded(form.getFirst("DialCallStatus"),
                settingsFor(call, form), effects.rang(call.callSid()), () -> effects.confirmedByAPerson(call.callSid())));
    }

    /**
     * One leg of a sequential ring pattern ended ({@code ?leg=N}, the URL we gave its {@code <Dial action>}): the next
     * leg rings, or, after the last one, the call is missed (voicemail, one CallMissed) unless a person answered.
     */
    @POST
    @Path("leg-complete")
    @Blocking
    public CompletionStage<Response> legComplete(@QueryParam("leg") String leg, MultivaluedMap<String, String> form) {
        Integer index = integer(leg);
        if (index == null || index < 0) {
            count("leg-complete", "bad-request");
            return CompletableFuture.completedFuture(badRequest("leg must be the index of a leg of the ring pattern"));
        }
        return duringCall("leg-complete", form, call -> flow.legEnded(index, form.getFirst("DialCallStatus"),
                settingsFor(call, form), () -> effects.rang(call.callSid()),
                () -> effects.confirmedByAPerson(call.callSid())));
    }

    /**
     * The recording of an answered call is ready (the {@code <Dial recordingStatusCallback>} of a number that records
     * calls): kept once per RecordingSid, with the leg that answered, to be listed and played to its account.
     */
    @POST
    @Path("call-recording")
    public Response callRecording(MultivaluedMap<String, String> form) {
        return afterCall("call-recording", () -> {
            String callSid = form.getFirst("CallSid");
            String recordingSid = form.getFirst("RecordingSid");
            if (callSid == null || !CALL_SID.matcher(callSid).matches()) {
                return badRequest("CallSid is missing or not a Twilio CallSid");
            }
            if (recordingSid == null || !RECORDING_SID.matcher(recordingSid).matches()) {
                return badRequest("RecordingSid is missing or not a Twilio RecordingSid (RE + 32 hex digits)");
            }
            if ("completed".equals(form.getFirst("RecordingStatus"))) {
                CallRecordings.Kept kept = recordings.completed(new CallRecordings.Completed(callSid, recordingSid,
                        form.getFirst("RecordingUrl"), integer(form.getFirst("RecordingDuration")),
                        form.getFirst("RecordingStartTime"), form.getFirst("AccountSid")));
                if (kept == CallRecordings.Kept.NOT_ANSWERED) {
                    recordings.discard(form.getFirst("AccountSid"), recordingSid);
                }
                if (kept == CallRecordings.Kept.UNKNOWN_CALL) {
                    // The call's decision may still be on its way to the database: Twilio tries again.
                    return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.TEXT_PLAIN)
                            .header("Retry-After", "5").entity("the call is not known yet; retry").build();
                }
            }
            return Response.ok(CallAnswers.empty(), MediaType.APPLICATION_XML).build();
        });
    }

    /** After the voicemail was recorded (the recording itself arrives at recording-complete). */
    @POST
    @Path("voicemail-done")
    @Blocking
    public CompletionStage<Response> voicemailDone(MultivaluedMap<String, String> form) {
        return duringCall("voicemail-done", form, call -> flow.voicemailLeft());
    }

    /** Whoever picked up a screened forward (a person, or a voicemail system) hears this before being connected. */
    @POST
    @Path("screen")
    public Response screen(@QueryParam("number") String number, MultivaluedMap<String, String> form) {
        return forwardedLeg("screen", form, parentCallSid -> CallAnswers.screen(
                settings.forNumber(number == null ? "" : number).map(CallSettingsChanged::businessName).orElse(null),
                config.screeningSeconds(), screenResultUrl
                        + (number == null ? "" : "?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8))));
    }

    /**
     * A key was pressed on a screened forward: a person is there; connect them. The forwarded leg's {@code To} is the
     * number they answered, kept with the confirmation: who answered, when the leg rang several numbers at once.
     */
    @POST
    @Path("screen-result")
    public Response screenResult(MultivaluedMap<String, String> form) {
        return forwardedLeg("screen-result", form, parentCallSid -> {
            CallDecision decision = flow.screenAnswered(form.getFirst("Digits"));
            effects.apply(decision, new CallEffects.Call(parentCallSid, null, false, null, form.getFirst("AccountSid"),
                    new CallEffects.DialedLeg(form.getFirst("CallSid"),
                            WhoAnswered.number(form.getFirst("To"), config.defaultRegion()))));
            return twiml(decision, null);
        });
    }

    /** The voicemail's recording is ready: VoicemailRecorded, once per recording. */
    @POST
    @Path("recording-complete")
    public Response recordingComplete(MultivaluedMap<String, String> form) {
        return afterCall("recording-complete", () -> {
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
    public Response transcription(MultivaluedMap<String, String> form) {
        return afterCall("transcription", () -> {
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
    public Response status(MultivaluedMap<String, String> form) {
        return afterCall("status", () -> {
            TwilioCall.Parsed parsed = TwilioCall.parse(form, config.defaultRegion());
            if (parsed.call() == null) {
                return badRequest(parsed.problem());
            }
            TwilioCall call = parsed.call();
            CallDecision decision = flow.statusChanged(form.getFirst("CallStatus"), form.getFirst("Direction"),
                    settingsFor(call, form));
            effects.apply(decision, call.effects());
            return Response.ok(CallAnswers.empty(), MediaType.APPLICATION_XML).build();
        });
    }

    /**
     * Parses and answers a webhook that is part of a live call: TwiML whatever happens behind. The worker thread is
     * given back as soon as the decision is handed over; the answer is written when its effect is durable.
     */
    private CompletionStage<Response> duringCall(String endpoint, MultivaluedMap<String, String> form,
            Function<TwilioCall, CallDecision> decide) {
        Timer.Sample timing = Timer.start(registry);
        TwilioCall.Parsed parsed = TwilioCall.parse(form, config.defaultRegion());
        if (parsed.call() == null) {
            count(endpoint, "bad-request");
            timing.stop(registry.timer("mctb.webhook.latency", "endpoint", endpoint));
            return CompletableFuture.completedFuture(badRequest(parsed.problem()));
        }
        TwilioCall call = parsed.call();
        CompletableFuture<Response> answered;
        MDC.put("callSid", call.callSid());
        try {
            CallDecision decision = decide.apply(call);
            String twiml = twiml(decision, call.to());
            answered = effects.apply(decision, call.effects()).toCompletableFuture()
                    .handle((done, failure) -> {
                        if (failure != null) {
                            // Never an error to a caller: whatever failed, they still get their answer.
                            LOG.errorf("call %s at %s: %s; answering anyway", call.callSid(), endpoint,
                                    Failures.describe(failure));
                            count(endpoint, "degraded");
                        } else {
                            count(endpoint, "ok");
                        }
                        return twiml;
                    })
                    .completeOnTimeout(twiml, ANSWER_BY_MILLIS, TimeUnit.MILLISECONDS)
                    .thenApply(xml -> Response.ok(xml, MediaType.APPLICATION_XML).build());
        } catch (RuntimeException e) {
            LOG.errorf(e, "call %s at %s failed; answering voicemail on defaults", call.callSid(), endpoint);
            count(endpoint, "degraded");
            answered = CompletableFuture.completedFuture(Response.ok(voicemail(null, null), MediaType.APPLICATION_XML)
                    .build());
        } finally {
            MDC.remove("callSid");
        }
        return answered.whenComplete((r, f) -> timing.stop(registry.timer("mctb.webhook.latency", "endpoint", endpoint)));
    }

    /** A webhook on the forwarded leg of a screened call, identified by the caller's ParentCallSid. */
    private Response forwardedLeg(String endpoint, MultivaluedMap<String, String> form, Function<String, String> answer) {
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
    private Response afterCall(String endpoint, java.util.function.Supplier<Response> handle) {
        try {
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

    /** The TwiML for what the flow decided, for a call to {@code ourNumber}. */
    private String twiml(CallDecision decision, String ourNumber) {
        CallSettingsChanged s = decision.settings();
        return switch (decision.answer()) {
            case RING -> ring(decision, ourNumber);
            case VOICEMAIL -> voicemail(s.greetingUrl(), s.businessName());
            case VOICEMAIL_ON_DEFAULTS -> voicemail(null, null);
            case NOTHING_MORE -> CallAnswers.empty();
            case HANG_UP -> CallAnswers.hangUp();
        };
    }

    /**
     * The {@code <Dial>} of the decision's leg: a simultaneous pattern's one leg posts to dial-complete, a sequential
     * pattern's each to leg-complete with its index. A number that records calls has its dial recorded, and the caller
     * hears the consent before the first leg.
     */
    private String ring(CallDecision decision, String ourNumber) {
        CallSettingsChanged s = decision.settings();
        RingLegs.Leg leg = decision.ringLeg();
        boolean sequential = RingLegs.of(s).sequential();
        String action = sequential ? legCompleteUrl + "?leg=" + leg.index() : dialCompleteUrl;
        CallAnswers.Recording recording = null;
        if (decision.recorded()) {
            CallSettingsChanged.Recording r = s.recording();
            boolean first = leg.index() == 0;
            String text = r.consentText() == null || r.consentText().isBlank() ? DEFAULT_CONSENT : r.consentText();
            recording = new CallAnswers.Recording(callRecordingUrl, first ? r.consentAudioUrl() : null,
                    first ? text : null);
        }
        return CallAnswers.dial(leg.numbers(), leg.ringSeconds(), s.answerOnBridge(), s.callerId(), action,
                decision.screened() ? guard.publicUrl("/twilio/voice/screen?number="
                        + URLEncoder.encode(ourNumber, StandardCharsets.UTF_8)) : null, recording);
    }

    /** The number's effective settings; for a number not registered (yet), the Twilio (sub)account's defaults. */
    private Optional<CallSettingsChanged> settingsFor(TwilioCall call, MultivaluedMap<String, String> form) {
        return settings.forNumber(call.to())
                .or(() -> guard.accountFor(form.getFirst("AccountSid")).flatMap(settings::forAccount));
    }

    private String voicemail(String greetingUrl, String businessName) {
        return CallAnswers.voicemail(greetingUrl, businessName, config.maxVoicemailSeconds(), recordingCompleteUrl,
                voicemailDoneUrl, transcriptionUrl);
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
