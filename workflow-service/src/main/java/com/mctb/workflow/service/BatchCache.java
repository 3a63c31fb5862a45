package com.mctb.workflow.service;

import com.mctb.workflow.domain.engine.QuietHours;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.QuietHoursSetting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Optional;

/**
 * What the calls of one poll batch (one transaction) share and read once: the account's Business Profile copy and
 * its active workflows. Kept with the transaction, so the next batch reads them fresh.
 *
 * <p>Called only inside a transaction (the handlers' and the poller's); not intercepted, as it is on the hot path.
 */
@ApplicationScoped
public class BatchCache {

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    WorkflowCatalog catalog;

    /** The account's Business Profile copy (detached: read only), or null before one arrived. */
    public BusinessProfile profile(String accountId) {
        String key = BatchCache.class.getName() + "/profile/" + accountId;
        @SuppressWarnings("unchecked")
        Optional<BusinessProfile> cached = (Optional<BusinessProfile>) transactions.getResource(key);
        if (cached == null) {
            cached = Optional.ofNullable(BusinessProfile.findById(accountId));
            transactions.putResource(key, cached);
        }
        return cached.orElse(null);
    }

    /** The account's quiet hours for automated texts (the default when it set none). */
    public QuietHours quietHours(String accountId) {
        String key = BatchCache.class.getName() + "/quiet/" + accountId;
        QuietHours cached = (QuietHours) transactions.getResource(key);
        if (cached == null) {
            cached = QuietHoursSetting.of(accountId);
            transactions.putResource(key, cached);
        }
        return cached;
    }

    public List<CompiledWorkflow.Active> activeWorkflows(String accountId) {
        String key = BatchCache.class.getName() + "/active/" + accountId;
        @SuppressWarnings("unchecked")
        List<CompiledWorkflow.Active> cached = (List<CompiledWorkflow.Active>) transactions.getResource(key);
        if (cached == null) {
            cached = catalog.active(accountId);
            transactions.putResource(key, cached);
        }
        return cached;
    }
}
