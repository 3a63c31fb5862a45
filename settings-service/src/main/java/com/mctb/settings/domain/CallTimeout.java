package com.mctb.settings.domain;

import java.util.Optional;

/**
 * How long an incoming call rings before it counts as missed. Accepted 5–60 s; 10–20 s is the recommendation,
 * because a longer ring lets the carrier's own voicemail answer the forwarded call first, and then the caller is
 * never texted.
 */
public final class CallTimeout {

    public static final int MIN_SECONDS = 5;
    public static final int MAX_SECONDS = 60;
    public static final int RECOMMENDED_MIN_SECONDS = 10;
    public static final int RECOMMENDED_MAX_SECONDS = 20;
    /** What a call rings for when no level sets a timeout. */
    public static final int SYSTEM_DEFAULT_SECONDS = 20;

    private CallTimeout() {
    }

    public static boolean isAccepted(int seconds) {
        return seconds >= MIN_SECONDS && seconds <= MAX_SECONDS;
    }

    /** The warning a business owner sees for an accepted but unadvised timeout. */
    public static Optional<String> warning(int seconds) {
        if (seconds > RECOMMENDED_MAX_SECONDS) {
            return Optional.of("A timeout above " + RECOMMENDED_MAX_SECONDS + " seconds lets the forwarded phone's own "
                    + "voicemail answer first, and then the caller is not texted; " + RECOMMENDED_MIN_SECONDS + "–"
                    + RECOMMENDED_MAX_SECONDS + " seconds is recommended.");
        }
        if (seconds < RECOMMENDED_MIN_SECONDS) {
            return Optional.of("A timeout under " + RECOMMENDED_MIN_SECONDS + " seconds may end the call before anyone "
                    + "can pick up; " + RECOMMENDED_MIN_SECONDS + "–" + RECOMMENDED_MAX_SECONDS + " seconds is recommended.");
        }
        return Optional.empty();
    }
}
