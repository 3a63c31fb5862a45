package com.mctb.messaging.config;

import com.mctb.messaging.domain.NumberType;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything messaging-service is configured with (prefix {@code mctb.messaging}). */
@ConfigMapping(prefix = "mctb.messaging")
public interface MessagingConfig {

    /** The Twilio account texts are sent through. */
    Twilio twilio();

    /** The pool of senders and the back-off of retries. */
    Sending sending();

    /** Messages per second per sending number, by the number's type. */
    RateLimit rateLimit();

    /** Finding texts left behind by a stopped instance. */
    Recovery recovery();

    /** Answers to inbound texts. */
    Inbound inbound();

    /** WhatsApp rules. */
    WhatsApp whatsapp();

    interface Twilio {

        /** Where the Messages API is: https://api.twilio.com, or a stand-in that speaks its wire format. */
        @WithDefault("https://api.twilio.com")
        String apiBaseUrl();

        /**
         * The platform's main Twilio Account SID (AC...): with its token, texts are sent under the account's subaccount
         * (BusinessProfileChanged.twilioAccountSid) or, with none, under this account itself.
         */
        String accountSid();

        /** The account's auth token. */
        Optional<String> authToken();

        /** How long to wait for a connection to Twilio. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /**
         * How long to wait for Twilio's answer once the request is sent. Past it the outcome is unknown: Twilio is
         * asked whether it took the text before it is sent again.
         */
        @WithDefault("PT15S")
        Duration readTimeout();
    }

    interface Sending {

        /** Requests to Twilio under way at once (the sender threads, and the HTTP connections to Twilio). */
        @WithDefault("32")
        int senders();

        /** Texts accepted from Kafka but not yet settled; past it the consumer waits (back-pressure). */
        @WithDefault("20000")
        int maxInFlight();

        /** Retries of a request Twilio answered 429 or 5xx, or did not answer. */
        @WithDefault("6")
        int maxRetries();

        /** Delay before the first retry; doubled each time up to {@link #maxDelay()}. */
        @WithDefault("PT0.2S")
        Duration initialDelay();

        /** The longest delay between two attempts. */
        @WithDefault("PT10S")
        Duration maxDelay();

        /** Random jitter added to or taken from each delay, so retries of a burst do not come back together. */
        @WithDefault("PT0.1S")
        Duration jitter();

        /** Past this since the first attempt, no more retries. */
        @WithDefault("PT60S")
        Duration maxDuration();

        /**
         * After a request went unanswered, how long to wait before reading Twilio's list of texts to see whether it
         * took it (the list may lag a moment behind the creation).
         */
        @WithDefault("PT5S")
        Duration lookupDelay();
    }

    interface RateLimit {

        /** Messages per second a long code (10DLC) may send. */
        @WithDefault("1")
        double longCode();

        /** Messages per second a toll-free number may send. */
        @WithDefault("3")
        double tollFree();

        /** Messages per second a short code may send. */
        @WithDefault("100")
        double shortCode();

        /** Messages per second a WhatsApp sender may send. */
        @WithDefault("80")
        double whatsapp();

        /** How many texts a number may send at once before the rate applies (1: evenly spaced). */
        @WithDefault("1")
        int burst();

        /** Numbers starting with one of these are toll-free (North American toll-free prefixes by default). */
        @WithDefault("+1800,+1833,+1844,+1855,+1866,+1877,+1888")
        List<String> tollFreePrefixes();

        /** The type of particular numbers, overriding the rules: {@code mctb.messaging.rate-limit.numbers."+15551234567"=short-code}. */
        Map<String, NumberType> numbers();
    }

    interface Recovery {

        /** How often to look for texts left PENDING or SENDING by an instance that stopped. */
        @WithDefault("PT5S")
        Duration interval();

        /** A PENDING text nobody has touched for this long is picked up and sent. */
        @WithDefault("PT30S")
        Duration pendingAfter();

        /**
         * A SENDING text nobody has touched for this long (its sender stopped with the request's outcome unknown)
         * is reconciled with Twilio. Live senders renew their texts well within it. Keep it longer than the
         * transaction timeout (60 s): a text is claimed in the transaction that records it, and another instance
         * must not take it for abandoned while that transaction is still committing.
         */
        @WithDefault("PT2M")
        Duration sendingAfter();
    }

    interface Inbound {

        /** The answer to HELP; {business} is replaced by the business's name. */
        @WithDefault("{business}: you reached us by text. Reply to this message and we will get back to you. Reply STOP to unsubscribe. Msg & data rates may apply.")
        String helpText();

        /**
         * Whether to confirm STOP/START on SMS with our own text. Off by default: on numbers with Twilio's (Advanced)
         * Opt-Out, Twilio answers those keywords itself, and a second confirmation would be a duplicate. WhatsApp has
         * no Twilio opt-out handling, so there they are always confirmed.
         */
        @WithDefault("false")
        boolean confirmSmsOptChanges();

        /** The confirmation of an opt-out. */
        @WithDefault("{business}: you are unsubscribed and will receive no more messages. Reply START to resubscribe.")
        String optOutText();

        /** The confirmation of an opt-in. */
        @WithDefault("{business}: you are subscribed again. Reply STOP to unsubscribe.")
        String optInText();
    }

    interface WhatsApp {

        /** How long after the contact's last message a free-form WhatsApp text may be sent (WhatsApp's session). */
        @WithDefault("PT24H")
        Duration sessionWindow();
    }
}
