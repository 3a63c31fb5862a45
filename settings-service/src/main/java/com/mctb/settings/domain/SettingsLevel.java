package com.mctb.settings.domain;

/** Where a call setting was set. A more specific level wins: number, then user, then account, then system. */
public enum SettingsLevel {
    NUMBER,
    USER,
    ACCOUNT,
    SYSTEM
}
