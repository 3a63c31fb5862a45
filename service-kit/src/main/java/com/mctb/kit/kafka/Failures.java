package com.mctb.kit.kafka;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;

/** Tells a failure worth retrying (a database or broker that is away) from one that will fail again. */
public final class Failures {

    /** SQLState classes: 08 connection, 53 insufficient resources, 57 operator intervention, 40 rollback. */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "53", "57", "40");

    private Failures() {
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
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
                String message = String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT);
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

    /** One line for a header or a log: the innermost cause's class and message. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = error == root ? error.toString() : error + " (cause: " + root + ")";
        return text.length() > 1_000 ? text.substring(0, 1_000) : text;
    }
}
