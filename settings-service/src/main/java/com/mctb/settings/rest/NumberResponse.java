package com.mctb.settings.rest;

import com.mctb.settings.persistence.PhoneNumber;

public record NumberResponse(String number, boolean isDefault, String assignedUserId) {

    static NumberResponse of(PhoneNumber n) {
        return new NumberResponse(n.number, n.isDefault, n.assignedUserId);
    }
}
