package com.mctb.workflow.rest;

/**
 * Options of the ready "Missed Call Text Back" workflow, all optional.
 *
 * @param variant      "immediate" (default) or "wait-20-minutes"
 * @param channel      "SMS" (default), "WHATSAPP" (falls back to SMS when WhatsApp may not be used) or "BOTH"
 * @param from         one of the account's numbers, E.164; omitted: the account's default number
 * @param when         "always" (default), "during_business_hours" or "outside_business_hours"
 * @param repeatWindow text a caller at most once per this: "24h" (default), 1 hour to 90 days ("PT24H", "7d")
 */
public record TemplateRequest(String variant, String channel, String from, String when, String repeatWindow) {

    public TemplateRequest(String variant, String channel, String from) {
        this(variant, channel, from, null, null);
    }
}
