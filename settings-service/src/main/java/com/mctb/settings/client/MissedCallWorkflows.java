package com.mctb.settings.client;

import com.mctb.settings.config.SettingsConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Asks workflow-service which missed-call workflows are active on an account. */
@ApplicationScoped
public class MissedCallWorkflows {

    private static final Logger LOG = Logger.getLogger(MissedCallWorkflows.class);

    @Inject
    SettingsConfig config;

    private WorkflowServiceClient client;

    @PostConstruct
    void build() {
        long timeout = config.workflowServiceTimeout().toMillis();
        client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.workflowServiceUrl()))
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .build(WorkflowServiceClient.class);
    }

    /**
     * @param authorization the caller's own Authorization header, so the question is asked with their credential
     * @throws WorkflowServiceUnavailableException when workflow-service cannot answer (down, slow, refusing, or an
     *                                             answer that cannot be read)
     */
    public WorkflowServiceClient.ActiveWorkflows active(String accountId, String authorization) {
        try {
            WorkflowServiceClient.ActiveWorkflows answer = client.active(accountId, authorization);
            if (answer == null) {
                throw new WorkflowServiceUnavailableException("workflow-service answered with no body");
            }
            return answer;
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            LOG.warnf("workflow-service refused the active missed-call workflow check for account %s: HTTP %d",
                    accountId, status);
            throw new WorkflowServiceUnavailableException("workflow-service answered HTTP " + status);
        } catch (WorkflowServiceUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // Unreachable, timed out, or an answer that cannot be read: in every case nobody knows, so nobody says yes.
            LOG.warnf("workflow-service could not be asked about account %s: %s", accountId, e.getMessage());
            throw new WorkflowServiceUnavailableException("workflow-service could not be reached ("
                    + rootMessage(e) + ")");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
