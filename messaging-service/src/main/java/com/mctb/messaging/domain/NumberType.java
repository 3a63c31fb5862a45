package com.mctb.messaging.domain;

/** The kinds of sending numbers, which carriers and Twilio let send at different rates. */
public enum NumberType {
    LONG_CODE,
    TOLL_FREE,
    SHORT_CODE,
    WHATSAPP
}
