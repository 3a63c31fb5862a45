package com.mctb.workflow.domain.engine;

import com.mctb.contracts.event.Channel;
import com.mctb.workflow.domain.journey.JourneyKind;
import java.util.Optional;

/** What a run did, in order: the service turns these into tag changes, commands and journey entries. */
public sealed interface Effect {

    String stepId();

    /** An answer the run took a branch on, or a reason it did not text. */
    record Decision(String stepId, JourneyKind kind, String detail) implements Effect {
    }

    /** @param changed false when the contact already had the tag */
    record TagAdded(String stepId, String tag, boolean changed) implements Effect {
    }

    /** @param changed false when the contact did not have the tag */
    record TagRemoved(String stepId, String tag, boolean changed) implements Effect {
    }

    /** A text to send; {@code from} empty means the account's default number. */
    record Text(String stepId, Channel channel, Optional<String> from, String body, boolean smsFallback)
            implements Effect {
    }

    /** An {@code end} step. */
    record Ended(String stepId) implements Effect {
    }
}
