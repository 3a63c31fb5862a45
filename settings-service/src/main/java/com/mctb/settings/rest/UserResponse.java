package com.mctb.settings.rest;

import com.mctb.settings.persistence.User;
import java.util.List;

/** @param numbers the account's numbers assigned to this user */
public record UserResponse(String id, String name, List<String> numbers) {

    static UserResponse of(User user, List<String> numbers) {
        return new UserResponse(user.id, user.name, numbers);
    }
}
