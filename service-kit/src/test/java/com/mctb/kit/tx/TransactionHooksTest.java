package com.mctb.kit.tx;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionHooksTest {

    private final List<String> ran = new ArrayList<>();
    private final TransactionHooks hooks = new TransactionHooks();

    @Test
    void aCommitRunsTheCommitActionsInOrderAndNotTheUndos() {
        hooks.onCommit(() -> ran.add("hand over"));
        hooks.onRollback(() -> ran.add("undo"));
        hooks.onCommit(() -> ran.add("count"));

        hooks.afterCompletion(Status.STATUS_COMMITTED);

        assertThat(ran).containsExactly("hand over", "count");
    }

    @Test
    void aRollbackRunsOnlyTheUndos() {
        hooks.onCommit(() -> ran.add("hand over"));
        hooks.onRollback(() -> ran.add("undo"));

        hooks.afterCompletion(Status.STATUS_ROLLEDBACK);

        assertThat(ran).containsExactly("undo");
    }

    @Test
    void workAskedOnceWithTheSameKeyRunsOnce() {
        hooks.onCommitOnce("wake relay", () -> ran.add("wake"));
        hooks.onCommitOnce("wake relay", () -> ran.add("wake"));
        hooks.onCommitOnce("other", () -> ran.add("other"));

        hooks.afterCompletion(Status.STATUS_COMMITTED);

        assertThat(ran).containsExactly("wake", "other");
    }

    @Test
    void aFailingActionDoesNotStopTheOthers() {
        hooks.onCommit(() -> {
            throw new IllegalStateException("metrics registry closed");
        });
        hooks.onCommit(() -> ran.add("hand over"));

        hooks.afterCompletion(Status.STATUS_COMMITTED);

        assertThat(ran).containsExactly("hand over");
    }
}
