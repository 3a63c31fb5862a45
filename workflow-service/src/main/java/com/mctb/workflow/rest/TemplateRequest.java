package com.mctb.workflow.rest;

/**
 * Options of the ready "Missed Call Text Back" workflow, all optional.
 *
 * @param variant "immediate" (default) or "wait-20-minutes"
 * @param channel "SMS" (default) or "WHATSAPP" (falls back to SMS when WhatsApp may not be used)
 * @param from    one of the account's numbers, E.164; omitted: the account's default number
 */
public record TemplateRequest(String variant, String channel, String from) {
}
