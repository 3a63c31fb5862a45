package com.mctb.settings.service;

import com.mctb.settings.client.MissedCallWorkflows;
import com.mctb.settings.client.WorkflowServiceClient;
import com.mctb.settings.domain.SettingsChange;
import com.mctb.settings.persistence.Account;
import com.mctb.settings.messaging.SettingsPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The Business Profile's legacy "Missed Call Text Back" toggle: when on, every missed call is texted its message at
 * once, with no wait, filter or hours. It may not be on while a missed-call workflow is active, or one caller would
 * get both texts; workflow-service is asked before it goes on, and if it cannot answer the toggle stays off.
 */
@ApplicationScoped
public class LegacyTextBackService {

    private static final Logger LOG = Logger.getLogger(LegacyTextBackService.class);

    @Inject
    AccountService accounts;

    @Inject
    SettingsPublisher publisher;

    @Inject
    MissedCallWorkflows workflows;

    public Account get(String accountId) {
        return accounts.get(accountId);
    }

    /**
     * @param authorization the caller's Authorization header, forwarded to workflow-service
     * @throws ClientErrorException 409 while a missed-call workflow is active
     * @throws com.mctb.settings.client.WorkflowServiceUnavailableException when that cannot be known
     */
    public Account save(String accountId, boolean enabled, String message, String authorization) {
        accounts.get(accountId);
        if (enabled) {
            // Asked before the transaction, so no lock is held while another service answers.
            WorkflowServiceClient.ActiveWorkflows active = workflows.active(accountId, authorization);
            if (active.active()) {
                String names = active.workflows().isEmpty() ? "(workflow-service did not name them)"
                        : active.workflows().stream()
                                .map(w -> "'" + w.name() + "' (id " + w.id() + (w.version() == null ? "" : ", version "
                                        + w.version()) + ")")
                                .collect(Collectors.joining(", "));
                LOG.infof("legacy text-back refused: account=%s active missed-call workflows=%d", accountId,
                        active.workflows().size());
                throw new ClientErrorException("the legacy Missed Call Text Back cannot be turned on while a missed-call "
                        + "workflow is active, or a caller would get both texts; active: " + names
                        + ". Turn the workflow off first, or keep using it instead.", Response.Status.CONFLICT);
            }
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            Account account = accounts.lockForChange(accountId);
            account.legacyTextBackEnabled = enabled;
            account.legacyTextBackMessage = message == null ? null : message.trim();
            publisher.publish(account, SettingsChange.LEGACY_TEXT_BACK);
            LOG.infof("legacy text-back %s: account=%s", enabled ? "on" : "off", accountId);
            return account;
        });
    }
}
