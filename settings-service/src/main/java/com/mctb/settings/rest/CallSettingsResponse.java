package com.mctb.settings.rest;

import java.util.List;

/**
 * @param warnings advice about accepted but unadvised values, e.g. a timeout above 20 seconds
 */
public record CallSettingsResponse(int timeoutSeconds, List<String> forwardTo, List<String> warnings) {
}
