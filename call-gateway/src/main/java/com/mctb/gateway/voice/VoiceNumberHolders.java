package com.mctb.gateway.voice;

import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.gateway.calls.CallLegs;
import com.mctb.gateway.calls.CallOutcomes;
import com.mctb.gateway.calls.VoicemailReporter;
import com.mctb.gateway.config.GatewayConfig;
import com.mctb.gateway.settings.CallSettingsCache;
import com.mctb.kit.twilio.TwilioNumberHolders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which of our numbers a voice webhook is about, for the signature filter: {@code To} for {@code incoming},
 * {@code dial-complete}, {@code voicemail-done} and {@code status}; the {@code number} of the URL we gave Twilio for
 * {@code screen} and {@code screen-result} (the forwarded leg's To is the phone rung); for
 * {@code recording-complete}, {@code transcription} and {@code call-recording}, the To of the call the gateway recorded for that CallSid (or
 * RecordingSid). Its holder is the Twilio account in the number's settings (none named: the main account).
 */
@ApplicationScoped
public class VoiceNumberHolders implements TwilioNumberHolders {

    private static final Pattern CALL_SID = Pattern.compile("^CA[0-9a-fA-F]{32}$");
    private static final Pattern RECORDING_SID = Pattern.compile("^RE[0-9a-fA-F]{32}$");

    @Inject
    CallSettingsCache settings;

    @Inject
    CallOutcomes outcomes;

    @Inject
    VoicemailReporter voicemails;

    @Inject
    CallLegs legs;

    @Inject
    GatewayConfig config;

    @Override
    public Optional<Holder> holderOf(Webhook webhook) {
        String number = switch (webhook.endpoint()) {
            case "screen", "screen-result" -> webhook.queryParameter("number");
            case "recording-complete", "transcription", "call-recording" -> numberOfTheCall(webhook);
            default -> toNumber(webhook);
        };
        if (number == null) {
            return Optional.empty();
        }
        String ours = number;
        return settings.forNumber(ours).map(s -> new Holder(ours, s.twilioAccountSid()));
    }

    /** The webhook's To in E.164, when it has one. */
    private String toNumber(Webhook webhook) {
        String to = webhook.field("To");
        return to == null ? null : PhoneNumbers.toE164(to, config.defaultRegion()).orElse(null);
    }

    /** The number a recording's call was made to, as the gateway recorded the call (by CallSid, else RecordingSid). */
    private String numberOfTheCall(Webhook webhook) {
        String callSid = webhook.field("CallSid");
        if (callSid == null || !CALL_SID.matcher(callSid).matches()) {
            String recordingSid = webhook.field("RecordingSid");
            callSid = recordingSid == null || !RECORDING_SID.matcher(recordingSid).matches() ? null
                    : voicemails.find(recordingSid).map(VoicemailReporter.Voicemail::callSid).orElse(null);
        }
        if (callSid == null) {
            return null;
        }
        String call = callSid;
        return outcomes.find(call).map(CallOutcomes.DecidedCall::to)
                .or(() -> legs.of(call).stream().findFirst().map(CallLegs.Leg::to)).orElse(null);
    }
}
