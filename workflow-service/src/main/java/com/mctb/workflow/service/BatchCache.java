package com.mctb.workflow.service;

import com.mctb.workflow.domain.engine.QuietHours;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.QuietHoursSetting;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the calls of one poll batch (one transaction) share and read once: the account's Business Profile copy and
 * its active workflows. One per transaction, so the next batch reads them fresh.
 *
 * <p>Only inside a transaction (the handlers' and the poller's); not intercepted, as it is on the hot path.
 */
@TransactionScoped
public class BatchCache {

    @Inject
    WorkflowCatalog catalog;

    private final Map<String, Optional<BusinessProfile>> profiles = new HashMap<>();
    private final Map<String, QuietHours> quietHours = new HashMap<>();
    private final Map<String, List<CompiledWorkflow.Active>> active = new HashMap<>();

    /** The account's Business Profile copy (detached: read only), or null before one arrived. */
    public BusinessProfile profile(String accountId) {
        return profiles.computeIfAbsent(accountId, a -> Optional.ofNullable(BusinessProfile.findById(a))).orElse(null);
    }

    /** The account's quiet hours for automated texts (the default when it set none). */
    public QuietHours quietHours(String accountId) {
        return quietHours.computeIfAbsent(accountId, QuietHoursSetting::of);
    }

    public List<CompiledWorkflow.Active> activeWorkflows(String accountId) {
        return active.computeIfAbsent(accountId, catalog::active);
    }
}
