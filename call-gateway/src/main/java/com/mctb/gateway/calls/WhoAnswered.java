package com.mctb.gateway.calls;

import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.gateway.config.GatewayConfig;
import com.mctb.gateway.domain.LegEnded;
import com.mctb.gateway.twilio.DialedCalls;
import com.mctb.kit.kafka.Failures;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Who answered an answered leg of a call's ring pattern: the number the caller was connected to, and the team member
 * whose mobile it is, kept in {@code call_leg} ({@link CallLegs}) for the call's recordings. Known at once when the
 * leg rang one number (every sequential leg, a pattern of one), or when a person pressed the screen's key (the
 * pressing leg's {@code To}, kept with the confirmation by {@link HumanConfirmations}). Otherwise — a leg that rang
 * several numbers at once, unscreened — Twilio is asked: the {@code <Dial action>} callback names the child call it
 * connected the caller to ({@code DialCallSid}), and that call's {@code to} ({@link DialedCalls}) is who answered.
 *
 * <p>Why Twilio's child call rather than a {@code <Number url>} whisper on every target (which would carry the child's
 * {@code To} too): the dial callback comes when the conversation is over, so the lookup is off every caller's path and
 * is made only for the legs that need it; a whisper would put a webhook round trip before every bridge of every call,
 * and one that failed or was slow would be heard by (or drop) the person answering. And {@code DialCallSid} is the leg
 * Twilio bridged, whereas a whisper is fetched by every leg that picks up, a target's voicemail too.
 *
 * <p>The lookup runs on its own few threads after the leg's row is kept, never on a webhook's: whatever Twilio does,
 * the caller was answered already. A lookup that fails (Twilio away, no such call, no token) leaves who answered
 * unknown and is logged; so does one past {@link #QUEUED} waiting lookups.
 */
@ApplicationScoped
public class WhoAnswered {

    private static final Logger LOG = Logger.getLogger(WhoAnswered.class);
    /** Lookups waiting for a thread; past it, who answered such a leg stays unknown. */
    static final int QUEUED = 1_000;

    @Inject
    CallLegs legs;

    @Inject
    HumanConfirmations confirmations;

    @Inject
    DialedCalls dialedCalls;

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry registry;

    private ThreadPoolExecutor lookups;

    @PostConstruct
    void start() {
        AtomicInteger n = new AtomicInteger();
        lookups = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED), r -> {
            Thread t = new Thread(r, "who-answered-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        lookups.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        lookups.shutdownNow();
    }

    /**
     * Who answered the leg, when the gateway knows it without asking Twilio: its only number, or the number whose
     * person pressed the screen's key. Null for a leg no person answered, or when Twilio must be asked.
     */
    public CallLegs.AnsweredBy known(String callSid, LegEnded ended) {
        if (ended.outcome() != LegEnded.Outcome.ANSWERED) {
            return null;
        }
        String only = ended.leg().onlyNumber();
        if (only != null) {
            String member = ended.leg().memberAt(only);
            return new CallLegs.AnsweredBy(only, member != null ? member : ended.leg().userId());
        }
        if (ended.leg().numbers().isEmpty()) {
            return null;
        }
        try {
            return confirmations.answeredNumber(callSid)
                    .map(n -> new CallLegs.AnsweredBy(n, ended.leg().memberAt(n)))
                    .orElse(null);
        } catch (RuntimeException e) {
            LOG.warnf("call %s: the screen's confirmation could not be read (%s); Twilio is asked who answered",
                    callSid, Failures.describe(e));
            return null;
        }
    }

    /**
     * Asks Twilio who answered the leg (a leg {@link #known} could not tell), on a lookup thread, and keeps it;
     * returns at once. Never throws: a lookup that cannot be made or fails leaves who answered unknown, logged.
     */
    public void lookUpLater(CallEffects.Call call, LegEnded ended) {
        if (ended.outcome() != LegEnded.Outcome.ANSWERED || ended.leg().numbers().size() < 2) {
            return;
        }
        if (call.dialed() == null || call.dialed().callSid() == null) {
            LOG.warnf("call %s: leg %d, which rang %d numbers, was answered, but Twilio named no DialCallSid: who "
                    + "answered is not known", call.callSid(), ended.leg().index(), ended.leg().numbers().size());
            count("no-dial-call-sid");
            return;
        }
        try {
            lookups.execute(() -> lookUp(call, ended));
        } catch (RejectedExecutionException e) {
            LOG.warnf("call %s: %d lookups of who answered are waiting already; who answered leg %d is not known",
                    call.callSid(), QUEUED, ended.leg().index());
            count("rejected");
        }
    }

    /** Asks Twilio for the dialed call and keeps whom it rang. */
    void lookUp(CallEffects.Call call, LegEnded ended) {
        String dialCallSid = call.dialed().callSid();
        try {
            DialedCalls.Dialed dialed = dialedCalls.fetch(call.twilioAccountSid(), dialCallSid);
            if (dialed.parentCallSid() != null && !dialed.parentCallSid().equals(call.callSid())) {
                LOG.warnf("call %s: Twilio's call %s, named as the answered leg, is a leg of call %s: who answered is "
                        + "not known", call.callSid(), dialCallSid, dialed.parentCallSid());
                count("not-this-call");
                return;
            }
            String number = number(dialed.to(), config.defaultRegion());
            if (number == null) {
                LOG.warnf("call %s: Twilio's call %s rang no one it names: who answered is not known", call.callSid(),
                        dialCallSid);
                count("no-number");
                return;
            }
            CallLegs.AnsweredBy by = new CallLegs.AnsweredBy(number, ended.leg().memberAt(number));
            legs.answeredBy(call.callSid(), ended.leg().index(), by);
            LOG.debugf("call %s: leg %d answered by %s", call.callSid(), ended.leg().index(), PhoneNumbers.mask(number));
            count("found");
        } catch (RuntimeException e) {
            LOG.warnf("call %s: who answered leg %d is not known: Twilio's call %s could not be fetched (%s)",
                    call.callSid(), ended.leg().index(), dialCallSid, Failures.describe(e));
            count("failed");
        }
    }

    /**
     * A dialed leg's {@code To} as the ring pattern names its targets: a phone number in E.164, a
     * {@code client:identity} (or a SIP address) as it is; null for none.
     */
    public static String number(String to, String defaultRegion) {
        if (to == null || to.isBlank()) {
            return null;
        }
        String raw = to.strip();
        if (raw.startsWith("client:") || raw.startsWith("sip:")) {
            return raw;
        }
        return PhoneNumbers.toE164(raw, defaultRegion).orElse(raw);
    }

    private void count(String outcome) {
        registry.counter("mctb.calls.answered.lookups", "outcome", outcome).increment();
    }
}
