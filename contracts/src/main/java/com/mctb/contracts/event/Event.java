package com.mctb.contracts.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Everything one service tells another. The JSON names each event by a versioned type
 * ({@code CallMissed.v1}); a breaking change is a new record with a new version, never an edit of the old one.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CallSettingsChanged.class, name = "CallSettingsChanged.v1"),
        @JsonSubTypes.Type(value = BusinessProfileChanged.class, name = "BusinessProfileChanged.v1"),
        @JsonSubTypes.Type(value = CallMissed.class, name = "CallMissed.v1"),
        @JsonSubTypes.Type(value = VoicemailRecorded.class, name = "VoicemailRecorded.v1"),
        @JsonSubTypes.Type(value = VoicemailTranscribed.class, name = "VoicemailTranscribed.v1"),
        @JsonSubTypes.Type(value = CallAnswered.class, name = "CallAnswered.v1"),
        @JsonSubTypes.Type(value = SendMessage.class, name = "SendMessage.v1"),
        @JsonSubTypes.Type(value = MessageAccepted.class, name = "MessageAccepted.v1"),
        @JsonSubTypes.Type(value = MessageSent.class, name = "MessageSent.v1"),
        @JsonSubTypes.Type(value = MessageDelivered.class, name = "MessageDelivered.v1"),
        @JsonSubTypes.Type(value = MessageFailed.class, name = "MessageFailed.v1"),
        @JsonSubTypes.Type(value = MessageRejected.class, name = "MessageRejected.v1"),
        @JsonSubTypes.Type(value = InboundMessage.class, name = "InboundMessage.v1"),
        @JsonSubTypes.Type(value = OptedOut.class, name = "OptedOut.v1"),
        @JsonSubTypes.Type(value = UsageLimitReached.class, name = "UsageLimitReached.v1"),
})
public interface Event {

    /** The account this event belongs to. */
    String accountId();

    /**
     * What identifies this event across redeliveries and republishing: a consumer's inbox records it so that
     * the same event is handled once.
     */
    String eventId();
}
