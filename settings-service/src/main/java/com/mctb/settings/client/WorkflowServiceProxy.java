package com.mctb.settings.client;

import com.mctb.settings.config.SettingsConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.logging.Logger;

/**
 * Passes the settings page's workflow calls to workflow-service as they are, with the caller's own credential, and
 * hands back its answer as it is (status, content type, body): workflow-service keeps its rules, its validation
 * messages and its checks of the token. Only the page's calls are passed (see the resource that uses this).
 */
@ApplicationScoped
@Startup
public class WorkflowServiceProxy {

    private static final Logger LOG = Logger.getLogger(WorkflowServiceProxy.class);

    @Inject
    SettingsConfig config;

    private HttpClient http;

    /** Built at start-up, so the first page that asks does not wait for the client to be made. */
    @PostConstruct
    void build() {
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.workflowServiceTimeout())
                .build();
    }

    /** workflow-service's answer: its status, its Content-Type (null without a body) and its body. */
    public record Answer(int status, String contentType, byte[] body) {
    }

    /**
     * @param path          from the root of workflow-service, e.g. {@code /api/accounts/glow/workflows}
     * @param json          the request body (sent as application/json), or null for none
     * @param authorization the caller's Authorization header, sent on as it is
     * @throws WorkflowServiceUnavailableException when workflow-service cannot be reached or does not answer in time
     */
    public Answer forward(String method, String path, byte[] json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(config.workflowServiceTimeout())
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null),
                    answer.body());
        } catch (IOException e) {
            LOG.warnf("workflow-service could not be reached for %s %s: %s", method, path, e);
            throw new WorkflowServiceUnavailableException("workflow-service could not be reached at " + base()
                    + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkflowServiceUnavailableException("interrupted while asking workflow-service");
        }
    }

    private String base() {
        String url = config.workflowServiceUrl().trim();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
