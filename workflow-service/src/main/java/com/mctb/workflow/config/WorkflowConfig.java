package com.mctb.workflow.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Everything workflow-service is configured with (prefix {@code mctb.workflow}). */
@ConfigMapping(prefix = "mctb.workflow")
public interface WorkflowConfig {

    /** The durable timers: waiting runs, fired when due. */
    Timers timers();

    /** The trigger's voicemail filter. */
    Voicemail voicemail();

    /**
     * How long a missed call waits for its account's Business Profile to reach this service (a fresh account whose
     * profile is still on its way) before it is recorded as failed, untexted, with the reason.
     */
    @WithDefault("PT10M")
    Duration businessProfileWait();

    /** Contacts' conversations: the team's answers and notifications. */
    Conversations conversations();

    /** The inbox ({@code processed_event}) of the consumers whose effect has no unique key of its own. */
    Inbox inbox();

    /** Each missed call's journey ({@code journey_entry}): "why did this caller get, or not get, a text?". */
    Journal journal();

    /** How the rows kept only for a while (the journal's, the inbox's) are deleted: {@code RetentionPruner}. */
    Prune prune();

    interface Inbox {

        /**
         * How long an inbox row is kept: a repeat of the event later than this would be handled again. Redeliveries
         * after a rebalance and the relays' resends after a restart come within minutes.
         */
        @WithDefault("P7D")
        Duration retention();
    }

    interface Journal {

        /**
         * How long a journey entry is kept. Past it a call's journey still shows its texts and runs (their own rows),
         * without the step-by-step entries.
         */
        @WithDefault("P30D")
        Duration retention();
    }

    interface Prune {

        /** How often rows past their retention are deleted. */
        @WithDefault("PT1H")
        Duration interval();

        /** Rows deleted per statement (and transaction), so a large backlog never holds long locks. */
        @WithDefault("5000")
        int batchSize();
    }

    interface Timers {

        /** Whether this instance fires due runs (any number of instances may; each run fires once). */
        @WithDefault("true")
        boolean enabled();

        /** How often to look for due runs when the last look found fewer than a batch. */
        @WithDefault("PT0.2S")
        Duration pollInterval();

        /** Due runs claimed and fired in one transaction. */
        @WithDefault("100")
        int batchSize();

        /** How often the gauges of pending and overdue waits are refreshed. */
        @WithDefault("PT5S")
        Duration gaugeInterval();
    }

    interface Voicemail {

        /**
         * How long after a missed call to wait for its voicemail before a workflow that filters on voicemail decides
         * there is none. Twilio reports a recording once it ends, so this should exceed the gateway's longest
         * recording plus the caller's time listening to the greeting.
         */
        @WithDefault("PT3M")
        Duration window();
    }

    interface Conversations {

        /** Whether a team member's answer ends the contact's waiting runs, as the contact's own reply does. */
        @WithDefault("true")
        boolean teamReplyEndsRuns();

        /**
         * messaging-service, asked (with the team member's own token) whether the account's monthly limit leaves room
         * for an answer before it is written. Env {@code MESSAGING_SERVICE_URL}.
         */
        @WithDefault("http://localhost:8083")
        String messagingServiceUrl();

        /** How long to wait for that answer; without one the answer is written and messaging-service decides. */
        @WithDefault("PT2S")
        Duration messagingServiceTimeout();
    }
}
