package com.mctb.workflow.domain.conversation;

import com.mctb.contracts.phone.PhoneNumbers;

/**
 * The texts a team member gets about a contact ("Missed call from Dana Lee +1 555-123-0001"), short enough for one
 * or two segments: a quoted body or transcription is cut at {@value #QUOTE} characters. No framework.
 */
public final class NotificationText {

    static final int QUOTE = 120;

    private NotificationText() {
    }

    public static String missedCall(String name, String phone, String business) {
        return "Missed call from " + who(name, phone) + to(business) + ".";
    }

    public static String voicemail(String name, String phone, Integer seconds, String transcription, String business) {
        String length = seconds == null ? "" : " (" + duration(seconds) + ")";
        String text = transcription == null || transcription.isBlank() ? "." : ": " + quote(transcription);
        return "Voicemail from " + who(name, phone) + to(business) + length + text;
    }

    public static String reply(String name, String phone, String body, String business) {
        return "Text from " + who(name, phone) + to(business) + ": " + quote(body);
    }

    /** m:ss, as a voicemail's length is read out. */
    public static String duration(int seconds) {
        return (seconds / 60) + ":" + String.format("%02d", seconds % 60);
    }

    private static String who(String name, String phone) {
        String display = PhoneNumbers.display(phone);
        return name == null || name.isBlank() ? display : name.strip() + " " + display;
    }

    private static String to(String business) {
        return business == null || business.isBlank() ? "" : " to " + business.strip();
    }

    private static String quote(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.codePointCount(0, flat.length()) > QUOTE) {
            flat = flat.substring(0, flat.offsetByCodePoints(0, QUOTE - 1)).stripTrailing() + "…";
        }
        return "'" + flat + "'";
    }
}
