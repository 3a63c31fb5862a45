package com.mctb.kit.kafka;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells the failures of handling a record apart: one worth waiting out (a database or broker that is away), one that
 * timed out (a statement or lock timeout: worth a few more tries, but a record that times out every time is given
 * up), one caused by the service shutting down (never the record's fault: it is redelivered after the restart), and
 * the rest, which will fail again (a poison record: dead-lettered).
 */
public final class Failures {

    /** What a failure says about the record that met it. */
    public enum Kind {
        /** A database or broker that is away: waited for, however long. */
        TRANSIENT,
        /** A statement or lock timeout: tried again a few times, then dead-lettered. */
        TIMEOUT,
        /** The service is stopping (its database or producer closed under the handler): left for the restart. */
        SHUTDOWN,
        /** Anything else: the record will fail again, so it is dead-lettered. */
        POISON
    }

    /** SQLState classes: 08 connection, 53 insufficient resources, 57 operator intervention, 40 rollback. */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "53", "57", "40");
    /** 57014 query_canceled (statement_timeout), 55P03 lock_not_available (lock_timeout). */
    private static final Set<String> TIMEOUT_SQL_STATES = Set.of("57014", "55P03");
    /** 23505 unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** What the JPA, Hibernate and Agroal say when used after the application began to stop. */
    private static final Set<String> CLOSED_MESSAGES = Set.of("entitymanagerfactory is closed",
            "sessionfactory is closed", "this pool is closed", "datasource is closed",
            "cannot perform operations on a closed", "producer closed", "cannot send after the producer is closed");
    private static final Set<String> TIMEOUT_CLASSES = Set.of("jakarta.persistence.QueryTimeoutException",
            "jakarta.persistence.LockTimeoutException", "org.hibernate.QueryTimeoutException",
            "org.hibernate.exception.LockTimeoutException");

    private Failures() {
    }

    /** The kind of a failure, from the first link of its cause chain that tells (shutdown first, then timeout). */
    public static Kind classify(Throwable error) {
        if (isShutdown(error)) {
            return Kind.SHUTDOWN;
        }
        if (isTimeout(error)) {
            return Kind.TIMEOUT;
        }
        return isTransient(error) ? Kind.TRANSIENT : Kind.POISON;
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = next(t)) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof RetriableException || t instanceof java.net.ConnectException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.length() >= 2 && TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                if (message.contains("acquisition timeout") || message.contains("connection refused")) {
                    return true;
                }
            }
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
        }
        return false;
    }

    /** A statement timeout or lock timeout (not a connection that could not be had in time: that is transient). */
    public static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = next(t)) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && TIMEOUT_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
            if (TIMEOUT_CLASSES.contains(t.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A unique key violated (SQLState 23505). For an effect whose own unique key is its inbox, it means another
     * transaction recorded the same event first (a second replica, or a batch redelivered after a rebalance while
     * the first was still being written).
     */
    public static boolean isUniqueViolation(Throwable error) {
        for (Throwable t = error; t != null; t = next(t)) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A failure that says a part of the service was closed under the handler: the service is stopping. */
    public static boolean isShutdown(Throwable error) {
        for (Throwable t = error; t != null; t = next(t)) {
            if (t instanceof IllegalStateException || t instanceof SQLException
                    || t.getClass().getName().startsWith("org.apache.kafka.")) {
                String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                for (String closed : CLOSED_MESSAGES) {
                    if (message.contains(closed)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** One line for a header or a log: the innermost cause's class and message. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = error == root ? error.toString() : error + " (cause: " + root + ")";
        return text.length() > 1_000 ? text.substring(0, 1_000) : text;
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
