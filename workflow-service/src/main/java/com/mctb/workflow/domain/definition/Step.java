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
     * A text to the caller, on one channel or on both (one text on each: SMS first).
     *
     * @param from        the account's number to send from; empty: the account's default number
     * @param smsFallback WhatsApp alone only: send as SMS when WhatsApp may not be used
     */
    record SendText(String id, List<Channel> channels, Optional<String> from, MergeTemplate body, boolean smsFallback)
            implements Step {

        public SendText {
            channels = List.copyOf(channels);
            if (channels.isEmpty()) {
                throw new IllegalArgumentException("a text needs a channel");
            }
        }

        public SendText(String id, Channel channel, Optional<String> from, MergeTemplate body, boolean smsFallback) {
            this(id, List.of(channel), from, body, smsFallback);
        }

        @Override
        public String type() {
            if (channels.size() > 1) {
                return "send_text";
            }
            return channels.get(0) == Channel.WHATSAPP ? "send_whatsapp" : "send_sms";
        }

        /**
         * The id a channel's text takes from this step: the step's own for the first channel (so a step that became
         * SMS and WhatsApp keeps its SMS command id), {@code step:whatsapp} for the second.
         */
        public String textId(Channel channel) {
            return channel == channels.get(0) ? id : id + ":" + channel.name().toLowerCase(java.util.Locale.ROOT);
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
