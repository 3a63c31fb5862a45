package com.mctb.messaging.domain;

import com.mctb.contracts.event.Channel;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells the type of a sending number: a WhatsApp sender by its channel; then a number listed in configuration; then a
 * short code by its form (a few digits, no country code); then a toll-free number by its prefix; else a long code.
 */
public final class NumberTypes {

    private static final Pattern SHORT_CODE_FORM = Pattern.compile("\\d{3,8}");

    private final Map<String, NumberType> listed;
    private final List<String> tollFreePrefixes;

    public NumberTypes(Map<String, NumberType> listed, List<String> tollFreePrefixes) {
        this.listed = Map.copyOf(listed);
        this.tollFreePrefixes = List.copyOf(tollFreePrefixes);
    }

    public NumberType of(Channel channel, String number) {
        if (channel == Channel.WHATSAPP) {
            return NumberType.WHATSAPP;
        }
        NumberType configured = listed.get(number);
        if (configured != null) {
            return configured;
        }
        if (SHORT_CODE_FORM.matcher(number).matches()) {
            return NumberType.SHORT_CODE;
        }
        return tollFreePrefixes.stream().anyMatch(number::startsWith) ? NumberType.TOLL_FREE : NumberType.LONG_CODE;
    }
}
