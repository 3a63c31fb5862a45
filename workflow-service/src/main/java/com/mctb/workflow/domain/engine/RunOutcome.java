package com.mctb.workflow.domain.engine;

import java.util.Locale;

/** How a run ended. */
public enum RunOutcome {
    /** It sent at least one text. */
    TEXTED,
    /** It reached its end without sending a text (tag present, opted out, ...). */
    NOT_TEXTED,
    /** The voicemail filter did not match: the run never started its steps. */
    TRIGGER_NOT_MATCHED,
    /** The contact replied while it waited. */
    ENDED_BY_REPLY,
    /** The contact opted out while it waited. */
    ENDED_BY_OPT_OUT,
    /** An error stopped it (a definition that can no longer be read, ...); the journey has the error. */
    FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
