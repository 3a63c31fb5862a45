package com.mctb.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mctb.contracts.event.Channel;
import com.mctb.workflow.domain.definition.DefinitionException;
import com.mctb.workflow.domain.definition.DefinitionParser;
import com.mctb.workflow.domain.definition.MissedCallTextBack;
import com.mctb.workflow.domain.definition.Overlap;
import com.mctb.workflow.domain.definition.Violation;
import com.mctb.workflow.domain.definition.WorkflowDefinition;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.JsonDocuments;
import com.mctb.workflow.persistence.Workflow;
import com.mctb.workflow.persistence.WorkflowVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Saving, versioning and (de)activating an account's workflows. A definition is validated against the account's
 * numbers when saved; a save is a new version, and runs in flight keep following the version they started on.
 * Activating a missed-call workflow while the account's legacy toggle is on is refused, so no caller gets both texts.
 */
@ApplicationScoped
public class WorkflowService {

    private static final Logger LOG = Logger.getLogger(WorkflowService.class);

    /** A workflow and the document of its current version, with what its owner should know (overlaps). */
    public record Saved(Workflow workflow, JsonNode definition, List<Warning> warnings) {
        public Saved(Workflow workflow, JsonNode definition) {
            this(workflow, definition, List.of());
        }
    }

    /**
     * Something about a saved workflow its owner should know.
     *
     * @param kind       {@code overlap}: another active workflow can take the same calls
     * @param workflowId the other workflow, for an overlap
     */
    public record Warning(String kind, String message, UUID workflowId, String workflowName) {
    }

    /** The outcome of enabling the template: the active workflow, and whether this call created it. */
    public record Enabled(Saved saved, boolean created) {
    }

    @Transactional
    public Saved create(String accountId, JsonNode document) {
        WorkflowDefinition definition = DefinitionParser.parse(document, ownedNumbers(accountId));
        Instant now = Instant.now();
        Workflow workflow = new Workflow();
        workflow.id = UUID.randomUUID();
        workflow.accountId = accountId;
        workflow.name = definition.name();
        workflow.currentVersion = 1;
        workflow.mayWait = definition.canWait();
        workflow.createdAt = now;
        workflow.updatedAt = now;
        workflow.persist();
        saveVersion(workflow, document, now);
        LOG.infof("account %s: workflow %s created", accountId, workflow.id);
        return new Saved(workflow, document);
    }

    /** Saves the document as the workflow's next version; new runs follow it, runs in flight keep theirs. */
    @Transactional
    public Saved publish(String accountId, UUID workflowId, JsonNode document) {
        Workflow workflow = Workflow.lockedById(accountId, workflowId).orElseThrow(() -> notFound(accountId, workflowId));
        WorkflowDefinition definition = DefinitionParser.parse(document, ownedNumbers(accountId));
        Instant now = Instant.now();
        workflow.currentVersion++;
        workflow.name = definition.name();
        // Runs of earlier versions may still wait, so once a workflow may wait it stays so.
        workflow.mayWait = workflow.mayWait || definition.canWait();
        workflow.updatedAt = now;
        saveVersion(workflow, document, now);
        LOG.infof("account %s: workflow %s version %d published", accountId, workflowId, workflow.currentVersion);
        return withWarnings(new Saved(workflow, document));
    }

    @Transactional
    public Saved activate(String accountId, UUID workflowId) {
        Workflow workflow = Workflow.lockedById(accountId, workflowId).orElseThrow(() -> notFound(accountId, workflowId));
        refuseWhileLegacyToggleOn(accountId);
        if (!workflow.active) {
            workflow.activatedAt = Instant.now();
        }
        workflow.active = true;
        workflow.updatedAt = Instant.now();
        LOG.infof("account %s: workflow %s activated", accountId, workflowId);
        return withWarnings(current(workflow));
    }

    /**
     * The workflow with a warning for each other active workflow that can take the same calls: for such a call only
     * the one activated first texts (one call, one text-back), unless one of them texts alongside.
     */
    @Transactional
    public Saved withWarnings(Saved saved) {
        Workflow workflow = saved.workflow();
        if (!workflow.active) {
            return saved;
        }
        WorkflowDefinition mine = DefinitionParser.parse(saved.definition(), null);
        List<Warning> warnings = new java.util.ArrayList<>();
        for (Workflow other : Workflow.activeOf(workflow.accountId)) {
            if (other.id.equals(workflow.id)) {
                continue;
            }
            WorkflowVersion version = WorkflowVersion.of(other.id, other.currentVersion).orElseThrow();
            WorkflowDefinition theirs = DefinitionParser.parse(JsonDocuments.read(version.document), null);
            Optional<String> overlap = Overlap.between(mine, theirs);
            if (overlap.isEmpty()) {
                continue;
            }
            boolean theyFirst = other.activatedAt == null || (workflow.activatedAt != null
                    && !other.activatedAt.isAfter(workflow.activatedAt));
            String first = theyFirst ? other.name : workflow.name;
            String second = theyFirst ? workflow.name : other.name;
            warnings.add(new Warning("overlap", "'" + workflow.name + "' and '" + other.name + "' both text "
                    + overlap.get() + ": for such a call only '" + first + "' (activated first) texts, and '" + second
                    + "' records why it did not. Set textAlongside to text alongside, or narrow one's numbers or hours.",
                    other.id, other.name));
        }
        return new Saved(workflow, saved.definition(), warnings);
    }

    /** New missed calls no longer start it; its waiting runs go on to their end. */
    @Transactional
    public Saved deactivate(String accountId, UUID workflowId) {
        Workflow workflow = Workflow.lockedById(accountId, workflowId).orElseThrow(() -> notFound(accountId, workflowId));
        workflow.active = false;
        workflow.updatedAt = Instant.now();
        LOG.infof("account %s: workflow %s deactivated", accountId, workflowId);
        return current(workflow);
    }

    /** Deactivates and hides it; its versions stay, for the journeys of calls that met it. */
    @Transactional
    public void delete(String accountId, UUID workflowId) {
        Workflow workflow = Workflow.lockedById(accountId, workflowId).orElseThrow(() -> notFound(accountId, workflowId));
        workflow.active = false;
        workflow.deleted = true;
        workflow.updatedAt = Instant.now();
        LOG.infof("account %s: workflow %s deleted", accountId, workflowId);
    }

    /**
     * Enables the ready "Missed Call Text Back" workflow. Enabling it again as it is answers the workflow already
     * enabled; enabling another variant while one is active is a conflict (both would text the same caller).
     */
    @Transactional
    public Enabled enableTemplate(String accountId, MissedCallTextBack.Variant variant, Channel channel,
            Optional<String> from) {
        return enableTemplate(accountId, new MissedCallTextBack.Options(variant, List.of(channel), from,
                com.mctb.workflow.domain.definition.TextWhen.ALWAYS, WorkflowDefinition.DEFAULT_REPEAT_WINDOW));
    }

    @Transactional
    public Enabled enableTemplate(String accountId, MissedCallTextBack.Options options) {
        MissedCallTextBack.Variant variant = options.variant();
        Optional<String> from = options.from();
        Set<String> owned = ownedNumbers(accountId);
        if (from.isPresent() && !owned.contains(from.get())) {
            throw new DefinitionException(List.of(new Violation("from", from.get() + " is not one of the account's "
                    + "numbers" + (owned.isEmpty() ? " (none are known yet)" : " (" + String.join(", ", owned) + ")"))));
        }
        refuseWhileLegacyToggleOn(accountId);
        String flavour = options.flavour();
        for (Workflow active : Workflow.activeOf(accountId)) {
            if (MissedCallTextBack.TEMPLATE_ID.equals(active.template)) {
                if (options.sameAs(active.templateVariant)) {
                    return new Enabled(withWarnings(current(active)), false);
                }
                throw new Conflict("the " + MissedCallTextBack.NAME + " template is already enabled as workflow "
                        + active.id + " (" + active.templateVariant + "); deactivate it first, or both would text "
                        + "the same caller");
            }
        }
        ObjectNode document = MissedCallTextBack.definition(options);
        Saved saved = create(accountId, document);
        saved.workflow().template = MissedCallTextBack.TEMPLATE_ID;
        saved.workflow().templateVariant = flavour;
        saved.workflow().active = true;
        saved.workflow().activatedAt = Instant.now();
        LOG.infof("account %s: %s template enabled as workflow %s (%s)", accountId, MissedCallTextBack.NAME,
                saved.workflow().id, flavour);
        return new Enabled(withWarnings(saved), true);
    }

    @Transactional
    public List<Workflow> activeMissedCallWorkflows(String accountId) {
        return Workflow.activeOf(accountId);
    }

    @Transactional
    public Saved current(Workflow workflow) {
        WorkflowVersion version = WorkflowVersion.of(workflow.id, workflow.currentVersion).orElseThrow();
        return new Saved(workflow, JsonDocuments.read(version.document));
    }

    /** The account's numbers as this service knows them; none before its Business Profile has arrived. */
    public static Set<String> ownedNumbers(String accountId) {
        BusinessProfile profile = BusinessProfile.findById(accountId);
        return profile == null ? Set.of() : new LinkedHashSet<>(profile.numbers);
    }

    private static void refuseWhileLegacyToggleOn(String accountId) {
        // One activation per account at a time, so two requests cannot both enable the template.
        Workflow.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "workflow-activation/" + accountId).getSingleResult();
        BusinessProfile profile = BusinessProfile.findById(accountId);
        if (profile != null && profile.legacyTextBackEnabled) {
            throw new Conflict("the account's legacy Missed Call Text Back toggle (Business Profile) is on: turn it "
                    + "off before activating a missed-call workflow, or every caller would get both texts");
        }
    }

    /**
     * Template workflows enabled before "when" and the repeat window tag {@code 1st call} for ever, so a caller who
     * calls again next month is never texted: each gets the template as it is now (its own variant, channel, number and
     * texts; "always", once per 24 hours) as its next version. Runs in flight keep theirs. Idempotent (a workflow
     * already upgraded is left), and one instance at a time does it (an advisory lock), so every replica may run it
     * at start.
     */
    @Transactional
    public int upgradeTemplateWorkflows() {
        Workflow.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext('template-upgrade'))")
                .getSingleResult();
        int upgraded = 0;
        List<Workflow> templates = Workflow.list("template = ?1 and deleted = false", MissedCallTextBack.TEMPLATE_ID);
        for (Workflow workflow : templates) {
            WorkflowVersion current = WorkflowVersion.of(workflow.id, workflow.currentVersion).orElse(null);
            Optional<ObjectNode> next = current == null ? Optional.empty()
                    : MissedCallTextBack.upgraded(JsonDocuments.read(current.document));
            if (next.isEmpty()) {
                continue;
            }
            Instant now = Instant.now();
            workflow.currentVersion++;
            workflow.mayWait = workflow.mayWait || DefinitionParser.parse(next.get(), null).canWait();
            workflow.updatedAt = now;
            saveVersion(workflow, next.get(), now);
            upgraded++;
            LOG.infof("account %s: template workflow %s upgraded to version %d (repeat window, when)",
                    workflow.accountId, workflow.id, workflow.currentVersion);
        }
        return upgraded;
    }

    void upgradeAtStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        try {
            upgradeTemplateWorkflows();
        } catch (RuntimeException e) {
            LOG.warnf("template workflows not upgraded at start (%s); they are tried again at the next start",
                    e.toString());
        }
    }

    private static void saveVersion(Workflow workflow, JsonNode document, Instant now) {
        WorkflowVersion version = new WorkflowVersion();
        version.workflowId = workflow.id;
        version.version = workflow.currentVersion;
        version.document = JsonDocuments.write(Objects.requireNonNull(document));
        version.createdAt = now;
        version.persist();
    }

    private static NotFound notFound(String accountId, UUID workflowId) {
        return new NotFound("account " + accountId + " has no workflow " + workflowId);
    }

    /** The request conflicts with the account's state (409). */
    public static class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** No such workflow in this account (404). */
    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }
}
