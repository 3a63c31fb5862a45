package com.mctb.messaging.support;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the statements one thread sends to PostgreSQL, as the driver sees them: pgjdbc logs each Execute (one per
 * statement run, each of a JDBC batch included) and each simple query at FINEST, on the thread that runs it. Only the
 * message's pattern is looked at, never formatted; nothing is printed. (As workflow-service's bench counts them; the
 * database has no pg_stat_statements.)
 */
public final class Statements extends Handler {

    private static final Logger PGJDBC = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

    private final Thread thread = Thread.currentThread();
    private final AtomicLong count = new AtomicLong();

    private Statements() {
    }

    /** What {@code step} returned, with the statements this thread ran for it. */
    public record Counted<T>(T result, long statements) {
    }

    /** Runs {@code step} on this thread and counts the statements it sent. */
    public static synchronized <T> Counted<T> count(Supplier<T> step) {
        Statements counter = new Statements();
        Level before = PGJDBC.getLevel();
        boolean parents = PGJDBC.getUseParentHandlers();
        PGJDBC.setUseParentHandlers(false);
        PGJDBC.addHandler(counter);
        PGJDBC.setLevel(Level.FINEST);
        try {
            T result = step.get();
            return new Counted<>(result, counter.count.get());
        } finally {
            PGJDBC.setLevel(before);
            PGJDBC.removeHandler(counter);
            PGJDBC.setUseParentHandlers(parents);
        }
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (Thread.currentThread() == thread && message != null
                && (message.contains("FE=> Execute(") || message.contains("FE=> SimpleQuery("))) {
            count.incrementAndGet();
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
