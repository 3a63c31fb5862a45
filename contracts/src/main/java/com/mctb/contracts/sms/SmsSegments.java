package com.mctb.contracts.sms;

/**
 * How many segments a text is billed as, the way Twilio (and the carriers) count. A text that fits the GSM-7
 * alphabet uses 7-bit septets: 160 in a single segment, 153 per segment once it is split (the rest of each segment
 * is the concatenation header); characters of the GSM extension table (^ { } \ [ ~ ] | € and form feed) take two
 * septets, an escape and the character, and are never split across segments. Anything else is sent as UCS-2: 70
 * UTF-16 code units in one segment, 67 per segment when split, and a surrogate pair (an emoji) is never split.
 * Written by hand: no library on Maven Central does this the way Twilio bills it.
 */
public final class SmsSegments {

    private static final int GSM_SINGLE = 160;
    private static final int GSM_MULTI = 153;
    private static final int UCS2_SINGLE = 70;
    private static final int UCS2_MULTI = 67;

    /** The GSM 03.38 basic character set, in table order (LF and CR included). */
    private static final String GSM_BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                    + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The GSM 03.38 extension table: each is sent as ESC + character. */
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {
    }

    public static Count count(String body) {
        String text = body == null ? "" : body;
        int characters = text.codePointCount(0, text.length());
        if (isGsm7(text)) {
            int septets = 0;
            for (int i = 0; i < text.length(); i++) {
                septets += GSM_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
            }
            int segments = septets <= GSM_SINGLE ? 1 : pack(text, GSM_MULTI, true);
            return new Count(Encoding.GSM_7, text.isEmpty() ? 1 : segments, characters, septets);
        }
        int units = text.length();
        int segments = units <= UCS2_SINGLE ? 1 : pack(text, UCS2_MULTI, false);
        return new Count(Encoding.UCS_2, segments, characters, units);
    }

    /** True when every character is in the GSM-7 basic or extension table. */
    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0 || c == '\u001B') {
                return false;
            }
        }
        return true;
    }

    /** Fills segments of {@code capacity} units in order, never splitting an escape pair or a surrogate pair. */
    private static int pack(String text, int capacity, boolean gsm) {
        int segments = 1;
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int cost;
            int advance = 1;
            if (gsm) {
                cost = GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                cost = 2;
                advance = 2;
            } else {
                cost = 1;
            }
            if (used + cost > capacity) {
                segments++;
                used = 0;
            }
            used += cost;
            i += advance;
        }
        return segments;
    }

    /** How a text is encoded on the air. */
    public enum Encoding {
        GSM_7("GSM-7"),
        UCS_2("UCS-2");

        private final String label;

        Encoding(String label) {
            this.label = label;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return label;
        }
    }

    /**
     * @param characters Unicode characters as a person counts them (an emoji is one)
     * @param units      septets for GSM-7, UTF-16 code units for UCS-2
     */
    public record Count(Encoding encoding, int segments, int characters, int units) {
    }
}
