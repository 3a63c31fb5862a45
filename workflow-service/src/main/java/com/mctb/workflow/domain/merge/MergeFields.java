package com.mctb.workflow.domain.merge;

import java.util.Optional;

/**
 * The only values a text can be personalised with. A template names them as {@code contact.first_name},
 * {@code contact.last_name}, {@code contact.phone}, {@code business.name} and {@code call.to}; nothing else is
 * reachable from a template.
 */
public record MergeFields(String contactFirstName, String contactLastName, String contactPhone, String businessName,
        String callTo) {

    public static final String CONTACT_FIRST_NAME = "contact.first_name";
    public static final String CONTACT_LAST_NAME = "contact.last_name";
    public static final String CONTACT_PHONE = "contact.phone";
    public static final String BUSINESS_NAME = "business.name";
    public static final String CALL_TO = "call.to";

    /** Every field a template may name, in the order the documentation lists them. */
    public static final java.util.List<String> NAMES = java.util.List.of(
            CONTACT_FIRST_NAME, CONTACT_LAST_NAME, CONTACT_PHONE, BUSINESS_NAME, CALL_TO);

    /** The field's value, trimmed; empty when it is not set or blank. */
    public Optional<String> value(String field) {
        String raw = switch (field) {
            case CONTACT_FIRST_NAME -> contactFirstName;
            case CONTACT_LAST_NAME -> contactLastName;
            case CONTACT_PHONE -> contactPhone;
            case BUSINESS_NAME -> businessName;
            case CALL_TO -> callTo;
            default -> throw new IllegalArgumentException("no merge field " + field);
        };
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.strip());
    }
}
