package com.mctb.kit.outbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One term of the relay while it leads: reads the oldest rows, sends them, and reads and sends the next ones while the
 * broker still acknowledges the first (up to {@code depth} batches in flight); deletes each batch once every record
 * of it is acknowledged. No statement waits for Kafka and no transaction is held across an acknowledgement.
 *
 * <p>Order: rows are sent in id order on one producer, so the records of one key reach their partition in that order
 * (the idempotent producer keeps it across its retries). If a record fails, nothing more is read; once everything in
 * flight has settled, only the rows before the first failure are deleted: that row and every later one are sent again,
 * in order, by the next term (a later record the broker already took then arrives twice, never before the earlier
 * one's repeat; consumers' inboxes drop the repeat).
 */
final class OutboxPipeline {

    private final OutboxRows rows;
    private final Function<OutboxRow, CompletableFuture<?>> send;
    private final int batchSize;
    private final int depth;
    private final long ackTimeoutNanos;

    /**
     * @param send      sends one row; the future completes when the broker acknowledged it (or failed). May throw
     *                  at once (no metadata, broker away): the rest of that batch is not sent
     * @param depth     batches in flight at most
     */
    OutboxPipeline(OutboxRows rows, Function<OutboxRow, CompletableFuture<?>> send, int batchSize, int depth,
            java.time.Duration ackTimeout) {
        this.rows = rows;
        this.send = send;
        this.batchSize = batchSize;
        this.depth = depth;
        this.ackTimeoutNanos = ackTimeout.toNanos();
    }

    /**
     * Relays until nothing is left to read (or {@code keepReading} says stop) and nothing is in flight.
     *
     * @param woken true when a commit wrote new rows since it was last asked: read again after a short batch
     * @return the rows relayed (acknowledged and deleted)
     * @throws OutboxRelayException when a record could not be sent; the rows before it are deleted
     */
    int drain(BooleanSupplier woken, BooleanSupplier keepReading) {
        Deque<Batch> inFlight = new ArrayDeque<>();
        Set<Long> inFlightIds = new HashSet<>();
        int relayed = 0;
        boolean mayHaveMore = true;
        try {
            while (true) {
                if ((mayHaveMore || woken.getAsBoolean()) && inFlight.size() < depth && keepReading.getAsBoolean()) {
                    List<OutboxRow> read = rows.oldest(inFlightIds, batchSize);
                    mayHaveMore = read.size() == batchSize;
                    if (!read.isEmpty()) {
                        Batch sent = send(read);
                        inFlight.add(sent);
                        sent.rows.forEach(r -> inFlightIds.add(r.id()));
                        if (!sent.brokenOff) {
                            continue;
                        }
                        mayHaveMore = false; // the broker refused at once: read nothing more this term
                    }
                }
                Batch oldest = inFlight.peek();
                if (oldest == null) {
                    return relayed;
                }
                int failedAt = oldest.await();
                if (failedAt < 0) {
                    inFlight.poll();
                    List<Long> ids = oldest.ids();
                    rows.delete(ids);
                    ids.forEach(inFlightIds::remove);
                    relayed += ids.size();
                    continue;
                }
                // Settle everything in flight, then keep only what comes before the first failure.
                for (Batch later : inFlight) {
                    if (later != oldest) {
                        later.await();
                    }
                }
                List<Long> acknowledged = new ArrayList<>(oldest.ids().subList(0, failedAt));
                if (!acknowledged.isEmpty()) {
                    rows.delete(acknowledged);
                    relayed += acknowledged.size();
                }
                inFlight.clear();
                throw new OutboxRelayException(relayed, oldest.rows.get(failedAt), oldest.failure);
            }
        } catch (RuntimeException e) {
            // A database that went away mid-term: let what is in flight settle before another relay may lead.
            inFlight.forEach(Batch::await);
            throw e;
        }
    }

    private Batch send(List<OutboxRow> read) {
        long deadline = System.nanoTime() + ackTimeoutNanos;
        List<OutboxRow> sent = new ArrayList<>(read.size());
        List<CompletableFuture<?>> acks = new ArrayList<>(read.size());
        for (OutboxRow row : read) {
            sent.add(row);
            try {
                acks.add(send.apply(row));
            } catch (RuntimeException refused) {
                acks.add(CompletableFuture.failedFuture(refused));
                return new Batch(sent, acks, deadline, true);
            }
        }
        return new Batch(sent, acks, deadline, false);
    }

    /** Rows sent together, their acknowledgements, and the index and cause of the first that failed. */
    private static final class Batch {
        final List<OutboxRow> rows;
        final List<CompletableFuture<?>> acks;
        final long deadline;
        final boolean brokenOff;
        Throwable failure;
        int failedAt = -2; // not awaited yet

        Batch(List<OutboxRow> rows, List<CompletableFuture<?>> acks, long deadline, boolean brokenOff) {
            this.rows = rows;
            this.acks = acks;
            this.deadline = deadline;
            this.brokenOff = brokenOff;
        }

        List<Long> ids() {
            List<Long> ids = new ArrayList<>(rows.size());
            rows.forEach(r -> ids.add(r.id()));
            return ids;
        }

        /** Waits for every acknowledgement (until the deadline); the index of the first failure, or -1. */
        int await() {
            if (failedAt != -2) {
                return failedAt;
            }
            failedAt = -1;
            for (int i = 0; i < acks.size(); i++) {
                try {
                    acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    fail(i, e.getCause());
                } catch (TimeoutException e) {
                    fail(i, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail(i, e);
                }
            }
            return failedAt;
        }

        private void fail(int index, Throwable cause) {
            if (failedAt < 0) {
                failedAt = index;
                failure = cause;
            }
        }
    }

    /** A record the broker did not take; the relay backs off and the next term sends it (and what follows) again. */
    static final class OutboxRelayException extends RuntimeException {
        final int relayed;

        OutboxRelayException(int relayed, OutboxRow row, Throwable cause) {
            super("outbox row " + row.id() + " (" + row.topic() + ") was not acknowledged: " + cause, cause);
            this.relayed = relayed;
        }
    }
}
