package com.mctb.workflow.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One thing that happened on a missed call's way to (or not to) a text. */
@Entity
@Table(name = "journey_entry")
public class JourneyEntry extends PanacheEntityBase {

    /** From a sequence handed out 50 at a time, so a call's entries are inserted in one JDBC batch. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "journey_entry_seq")
    @SequenceGenerator(name = "journey_entry_seq", sequenceName = "journey_entry_seq", allocationSize = 50)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(name = "call_sid", nullable = false)
    public String callSid;

    @Column(nullable = false)
    public Instant at;

    /** A {@code JourneyKind} name. */
    @Column(nullable = false)
    public String kind;

    @Column(name = "workflow_id")
    public String workflowId;

    @Column(name = "workflow_version")
    public Integer workflowVersion;

    @Column(name = "run_id")
    public UUID runId;

    @Column(name = "step_id")
    public String stepId;

    public String detail;

    @Column(name = "command_id")
    public String commandId;

    public static List<JourneyEntry> ofCall(String accountId, String callSid) {
        return list("accountId = ?1 and callSid = ?2 order by at, id", accountId, callSid);
    }
}
