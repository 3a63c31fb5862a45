package com.mctb.settings.rest;

import com.mctb.settings.service.NumberProvisioning;
import java.util.List;

/** What re-applying every number's Twilio configuration did. */
public record ConfigureAllResponse(int configured, List<NumberProvisioning.Failure> failed) {
}
