package com.mctb.settings.rest;

import java.util.List;

/** @param warnings what turning it on means for callers */
public record LegacyTextBackResponse(boolean enabled, String message, List<String> warnings) {
}
