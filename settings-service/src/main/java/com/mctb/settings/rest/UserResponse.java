package com.mctb.settings.rest;

import com.mctb.settings.persistence.User;
import java.util.List;

/**
 * @param numbers       the account's numbers assigned to this user
 * @param mobile        where the user is texted about calls and replies, or null
 * @param notifications which events they are texted about
 */
public record UserResponse(String id, String name, List<String> numbers, String mobile, Notifications notifications) {

    /** The events a user is texted about. */
    public record Notifications(boolean missedCall, boolean voicemail, boolean reply) {
    }

    static UserResponse of(User user, List<String> numbers) {
        return new UserResponse(user.id, user.name, numbers, user.mobile,
                new Notifications(user.notifyMissedCall, user.notifyVoicemail, user.notifyReply));
    }
}
