package com.mctb.messaging.domain;

import java.util.Locale;
import java.util.Set;

/**
 * The keywords a contact texts to opt out of an account's texts, back in, or for help, as the carriers' and Twilio's
 * standard opt-out handling knows them. The whole text must be the keyword, in any case, with spaces around it.
 */
public final class OptOutKeywords {

    private static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    private static final Set<String> OPT_IN = Set.of("START", "UNSTOP", "YES");
    private static final Set<String> HELP = Set.of("HELP");

    private OptOutKeywords() {
    }

    public static Meaning of(String body) {
        if (body == null) {
            return Meaning.NONE;
        }
        String word = body.strip().toUpperCase(Locale.ROOT);
        if (OPT_OUT.contains(word)) {
            return Meaning.OPT_OUT;
        }
        if (OPT_IN.contains(word)) {
            return Meaning.OPT_IN;
        }
        return HELP.contains(word) ? Meaning.HELP : Meaning.NONE;
    }

    /** The keyword as written, normalised (upper case, no spaces), for the OptedOut event. */
    public static String keyword(String body) {
        return body == null ? null : body.strip().toUpperCase(Locale.ROOT);
    }

    /** What an inbound text asks for. */
    public enum Meaning {
        OPT_OUT,
        OPT_IN,
        HELP,
        /** An ordinary text. */
        NONE
    }
}
