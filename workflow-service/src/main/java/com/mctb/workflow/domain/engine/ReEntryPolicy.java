package com.mctb.workflow.domain.engine;

import java.util.Optional;
import java.util.UUID;

/**
 * Whether a missed call may start a run of a workflow for a contact. Off by default: a contact who is already inside
 * the workflow (a run waiting) does not enter it again until that run ends, which alone stops a redial from being
 * texted twice. A definition may allow re-entry.
 */
public final class ReEntryPolicy {

    private ReEntryPolicy() {
    }

    /**
     * @param runInFlight the contact's unfinished run of this workflow, if any
     * @return empty when the call may enter; otherwise why not
     */
    public static Optional<String> refusal(boolean allowReEntry, Optional<UUID> runInFlight) {
        if (runInFlight.isEmpty() || allowReEntry) {
            return Optional.empty();
        }
        return Optional.of("the caller is already inside this workflow (run " + runInFlight.get()
                + " has not ended) and the workflow does not allow re-entry");
    }
}
