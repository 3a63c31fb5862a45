package com.mctb.workflow.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** One saved version of a workflow: its definition document as the account wrote it. Never changed once saved. */
@Entity
@Table(name = "workflow_version")
@IdClass(WorkflowVersion.Key.class)
public class WorkflowVersion extends PanacheEntityBase {

    @Id
    @Column(name = "workflow_id")
    public UUID workflowId;

    @Id
    public int version;

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String document;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<WorkflowVersion> of(UUID workflowId, int version) {
        return find("workflowId = ?1 and version = ?2", workflowId, version).firstResultOptional();
    }

    public static List<WorkflowVersion> allOf(UUID workflowId) {
        return list("workflowId = ?1 order by version", workflowId);
    }

    /** The primary key. */
    public static class Key implements Serializable {
        public UUID workflowId;
        public int version;

        public Key() {
        }

        public Key(UUID workflowId, int version) {
            this.workflowId = workflowId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.workflowId.equals(workflowId) && k.version == version;
        }

        @Override
        public int hashCode() {
            return workflowId.hashCode() * 31 + version;
        }
    }
}
