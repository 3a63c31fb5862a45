package com.mctb.contracts.event;

/** How a text travels. */
public enum Channel {
    SMS,
    WHATSAPP
}
