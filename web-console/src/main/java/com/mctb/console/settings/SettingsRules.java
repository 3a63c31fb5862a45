package com.mctb.console.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mctb.console.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

/**
 * settings-service's rules for call settings ({@code GET /api/call-settings/rules}): the numbers and words the page
 * shows come from the service that enforces them, asked once and then remembered (they change only with a release of
 * settings-service).
 */
@ApplicationScoped
public class SettingsRules {

    /** settings-service's answer, as it names the fields. */
    public record Rules(int timeoutMinSeconds, int timeoutMaxSeconds, int recommendedMinSeconds,
            int recommendedMaxSeconds, int systemDefaultTimeoutSeconds, String longTimeoutWarning,
            String shortTimeoutWarning, long greetingMaxBytes, long greetingMaxSeconds, String legacyTextBackWarning) {
    }

    /** settings-service could not say. */
    public static class UnavailableException extends RuntimeException {
        UnavailableException(String message) {
            super(message);
        }
    }

    @Inject
    ConsoleConfig config;

    @Inject
    ObjectMapper json;

    private final AtomicReference<Rules> known = new AtomicReference<>();
    private HttpClient http;

    public Rules get() {
        Rules rules = known.get();
        if (rules != null) {
            return rules;
        }
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
        }
        String url = config.settingsServiceUrl().replaceAll("/+$", "") + "/api/call-settings/rules";
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(config.answerTimeout()).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new UnavailableException("settings-service answered HTTP " + answer.statusCode() + " for " + url);
            }
            rules = json.readValue(answer.body(), Rules.class);
            known.set(rules);
            return rules;
        } catch (IOException e) {
            throw new UnavailableException("settings-service could not be reached at " + url + " (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted");
        }
    }
}
