package com.mctb.workflow.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mctb.workflow.config.WorkflowConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Asks messaging-service, which keeps the usage ledger and the limits, whether the account's monthly limit is used
 * up: {@code GET /api/accounts/{id}/messaging-limit} with the team member's own token. Only a courtesy check, so a
 * person sees the refusal at once: messaging-service decides again when it sends, and an answer it refuses then
 * shows in the thread as rejected. When it cannot be asked, nothing is refused here.
 */
@ApplicationScoped
public class MessagingLimits {

    private static final Logger LOG = Logger.getLogger(MessagingLimits.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WorkflowConfig config;

    private HttpClient http;

    @PostConstruct
    void build() {
        http = HttpClient.newBuilder().connectTimeout(config.conversations().messagingServiceTimeout()).build();
    }

    /** The account's limit when it is reached: {@code monthlyMessages}, else empty (room left, none, or unknown). */
    public Optional<Long> reached(String accountId, String authorization) {
        String base = config.conversations().messagingServiceUrl().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/accounts/" + URLEncoder.encode(accountId, StandardCharsets.UTF_8)
                + "/messaging-limit");
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(config.conversations().messagingServiceTimeout()).header("Accept", "application/json");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                LOG.warnf("messaging-service answered HTTP %d for account %s's limit; not checked here",
                        answer.statusCode(), accountId);
                return Optional.empty();
            }
            JsonNode limit = JSON.readTree(answer.body());
            JsonNode remaining = limit.path("remaining");
            if (remaining.isNumber() && remaining.asLong() <= 0) {
                return Optional.of(limit.path("monthlyMessages").asLong());
            }
            return Optional.empty();
        } catch (java.io.IOException e) {
            LOG.warnf("messaging-service could not be asked for account %s's limit (%s); not checked here", accountId,
                    e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
