package com.mctb.workflow.domain.engine;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What one stretch of a run did, up to its next wait or its end.
 *
 * @param tags the contact's tags afterwards
 */
public record Advance(List<Effect> effects, Set<String> tags, State next) {

    public Advance {
        effects = List.copyOf(effects);
        tags = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(tags));
    }

    /** Where the run stands afterwards. */
    public sealed interface State {
    }

    /**
     * @param pointer the instruction to resume at
     * @param stepId  the wait step
     */
    public record Waiting(int pointer, Instant due, WaitKind kind, String stepId) implements State {
    }

    public record Finished() implements State {
    }
}
