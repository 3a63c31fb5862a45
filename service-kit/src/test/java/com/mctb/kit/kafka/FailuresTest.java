package com.mctb.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.kit.kafka.Failures.Kind;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void aStatementOrLockTimeoutIsATimeoutNotTransient() {
        // PostgreSQL's statement_timeout (57014) sits in class 57, which is otherwise transient (57P01 admin_shutdown).
        assertThat(Failures.classify(wrapped(new SQLException("canceling statement due to statement timeout", "57014"))))
                .isEqualTo(Kind.TIMEOUT);
        assertThat(Failures.classify(wrapped(new SQLException("canceling statement due to lock timeout", "55P03"))))
                .isEqualTo(Kind.TIMEOUT);
        assertThat(Failures.classify(new jakarta.persistence.QueryTimeoutException("timed out"))).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void aDatabaseOrBrokerThatIsAwayIsTransient() {
        assertThat(Failures.classify(wrapped(new SQLException("terminating connection", "57P01")))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(wrapped(new SQLException("connection failure", "08006")))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(wrapped(new SQLException("deadlock detected", "40P01")))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(wrapped(new SQLException("Acquisition timeout while waiting for new connection"))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(new RuntimeException(new ConnectException("refused")))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void aPartOfTheServiceClosedUnderTheHandlerIsShutdown() {
        assertThat(Failures.classify(new IllegalStateException("EntityManagerFactory is closed"))).isEqualTo(Kind.SHUTDOWN);
        assertThat(Failures.classify(wrapped(new IllegalStateException("This pool is closed and does not handle any more connections"))))
                .isEqualTo(Kind.SHUTDOWN);
        assertThat(Failures.classify(new IllegalStateException("could not write dead letter",
                new IllegalStateException("Cannot perform operations on a closed producer")))).isEqualTo(Kind.SHUTDOWN);
    }

    @Test
    void aUniqueKeyViolatedAnywhereInTheCausesIsAUniqueViolationAndOnlyThat() {
        assertThat(Failures.isUniqueViolation(wrapped(new SQLException("duplicate key value violates unique constraint",
                "23505")))).isTrue();
        assertThat(Failures.isUniqueViolation(wrapped(new SQLException("violates foreign key constraint", "23503"))))
                .isFalse();
        assertThat(Failures.isUniqueViolation(new IllegalStateException("duplicate key"))).isFalse();
    }

    @Test
    void anythingElseIsPoison() {
        assertThat(Failures.classify(new IllegalArgumentException("no such account"))).isEqualTo(Kind.POISON);
        assertThat(Failures.classify(wrapped(new SQLException("duplicate key", "23505")))).isEqualTo(Kind.POISON);
        assertThat(Failures.classify(new IllegalStateException("workflow has no steps"))).isEqualTo(Kind.POISON);
    }

    private static RuntimeException wrapped(Throwable cause) {
        return new RuntimeException("transaction failed", new IllegalStateException("statement failed", cause));
    }
}
