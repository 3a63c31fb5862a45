package com.mctb.workflow.domain.definition;

import com.mctb.contracts.event.Channel;
import com.mctb.workflow.domain.merge.MergeTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One step of a workflow. Every step has an id, unique within its definition, that commands and the journey name. */
public sealed interface Step {

    String id();

    /** The JSON type name, as an account writes it. */
    String type();

    /** Waits a duration, or until the business is next open (no wait when it is open). */
    record Wait(String id, Duration duration, boolean untilBusinessHoursOpen) implements Step {
        @Override
        public String type() {
            return "wait";
        }
    }

    /** Runs {@code then} when the condition holds, {@code otherwise} (JSON {@code else}) when it does not. */
    record If(String id, Condition condition, List<Step> then, List<Step> otherwise) implements Step {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }

        @Override
        public String type() {
            return "if";
        }
    }

    record AddTag(String id, String tag) implements Step {
        @Override
        public String type() {
            return "add_tag";
        }
    }

    record RemoveTag(String id, String tag) implements Step {
        @Override
        public String type() {
            return "remove_tag";
        }
    }

    /**
     * A text to the caller.
     *
     * @param from        the account's number to send from; empty: the account's default number
     * @param smsFallback WhatsApp only: send as SMS when WhatsApp may not be used
     */
    record SendText(String id, Channel channel, Optional<String> from, MergeTemplate body, boolean smsFallback)
            implements Step {
        @Override
        public String type() {
            return channel == Channel.WHATSAPP ? "send_whatsapp" : "send_sms";
        }
    }

    /** Ends the run here. */
    record End(String id) implements Step {
        @Override
        public String type() {
            return "end";
        }
    }
}
