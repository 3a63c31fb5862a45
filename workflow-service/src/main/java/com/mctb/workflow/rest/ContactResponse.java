package com.mctb.workflow.rest;

import com.mctb.workflow.persistence.Contact;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A contact, with its tags (in the order they were added) and whether it opted out of texts. */
public record ContactResponse(UUID id, String phone, String firstName, String lastName, List<String> tags,
        int callCount, Instant lastCallAt, boolean optedOut) {

    static ContactResponse of(Contact c) {
        return new ContactResponse(c.id, c.phone, c.firstName, c.lastName, List.copyOf(c.tags), c.callCount,
                c.lastCallAt, c.optedOut);
    }
}
