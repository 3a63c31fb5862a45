package com.mctb.workflow.rest;

import com.mctb.workflow.persistence.Contact;
import java.time.Instant;
import java.util.UUID;

public record ContactResponse(UUID id, String phone, String firstName, String lastName, int callCount,
        Instant lastCallAt) {

    static ContactResponse of(Contact c) {
        return new ContactResponse(c.id, c.phone, c.firstName, c.lastName, c.callCount, c.lastCallAt);
    }
}
