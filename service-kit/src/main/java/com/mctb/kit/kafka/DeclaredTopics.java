package com.mctb.kit.kafka;

import com.mctb.contracts.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Keeps {@link Topics} (and so the AsyncAPI document generated from it) true to what this service reads: at start,
 * every topic its configuration subscribes to must list this service among its consumers. In tests
 * ({@code mctb.contracts.strict}, on in the test profile) a topic it does not declare stops the start with what to
 * add; elsewhere it is logged.
 */
@ApplicationScoped
public class DeclaredTopics {

    private static final Logger LOG = Logger.getLogger(DeclaredTopics.class);
    private static final Pattern INCOMING_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topics?");

    @Inject
    Config config;

    void check(@Observes StartupEvent start) {
        String application = config.getOptionalValue("quarkus.application.name", String.class).orElse("application");
        List<String> undeclared = undeclared(application, incomingTopics(config));
        if (undeclared.isEmpty()) {
            return;
        }
        String message = application + " reads " + undeclared + " but Topics.EVENT_TOPICS does not list it among their"
                + " consumers: add it to consumedBy(...) (the AsyncAPI document is generated from it)";
        if (config.getOptionalValue("mctb.contracts.strict", Boolean.class).orElse(false)) {
            throw new IllegalStateException(message);
        }
        LOG.warn(message);
    }

    /** The topics each incoming channel of the configuration subscribes to ({@code topic} or {@code topics}). */
    static Map<String, List<String>> incomingTopics(Config config) {
        Map<String, List<String>> byChannel = new LinkedHashMap<>();
        for (String property : config.getPropertyNames()) {
            Matcher channel = INCOMING_TOPIC.matcher(property);
            if (channel.matches()) {
                config.getOptionalValue(property, String.class).ifPresent(value -> {
                    for (String topic : value.split(",")) {
                        if (!topic.isBlank()) {
                            byChannel.computeIfAbsent(channel.group(1), c -> new ArrayList<>()).add(topic.trim());
                        }
                    }
                });
            }
        }
        return byChannel;
    }

    static List<String> undeclared(String application, Map<String, List<String>> incoming) {
        List<String> undeclared = new ArrayList<>();
        incoming.values().stream().flatMap(List::stream).distinct().forEach(topic -> {
            boolean declared = Topics.spec(topic).map(spec -> spec.consumers().contains(application)).orElse(false);
            if (!declared) {
                undeclared.add(topic);
            }
        });
        return undeclared;
    }
}
