package com.mctb.workflow.service;

import com.mctb.kit.inbox.Inbox;
import com.mctb.workflow.config.WorkflowConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Deletes inbox rows older than {@code mctb.workflow.inbox.retention} (7 days), every
 * {@code mctb.workflow.inbox.prune-interval}: the consumers that keep them (replies and opt-outs, voicemails, the
 * Business Profile) need a row only while a repeat of its event can still come. Missed calls and the conversations
 * keep none: their own rows (a call's {@code missed_call}, an entry's source event id) are their inbox. Any number of
 * replicas may prune; the delete is idempotent.
 */
@ApplicationScoped
public class InboxPruner {

    private static final Logger LOG = Logger.getLogger(InboxPruner.class);

    @Inject
    Inbox inbox;

    @Inject
    WorkflowConfig config;

    @Scheduled(every = "${mctb.workflow.inbox.prune-interval:PT1H}", delayed = "PT1M",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            prune();
        } catch (RuntimeException e) {
            LOG.warnf("cannot prune the inbox now (next try in %s): %s", config.inbox().pruneInterval(), e.toString());
        }
    }

    /** Deletes the rows past the retention; returns how many. */
    public int prune() {
        int deleted = inbox.prune(config.inbox().retention());
        LOG.debugf("inbox: %d row(s) older than %s deleted", deleted, config.inbox().retention());
        return deleted;
    }
}
