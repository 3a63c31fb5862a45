package com.mctb.messaging.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sending numbers' next free slots in PostgreSQL ({@code sending_slot}), so every replica draws from one rate per
 * number: the generic cell rate algorithm of {@link com.mctb.messaging.domain.SendingRate}, its one timestamp per
 * number kept in a row. A batch of texts takes its slots in <b>one statement</b>: each number's row is advanced by the
 * intervals of all its texts at once, and the texts of one number get consecutive slots in the order they were given.
 * The statement runs on its own (autocommit, outside the caller's transaction): the rows are locked for that
 * statement only, never for an intake batch's transaction, and always in the numbers' order, so two replicas'
 * batches wait for each other but never deadlock.
 */
@ApplicationScoped
public class SendingSlots {

    /**
     * Per number, {@code advance}: the sum of its texts' intervals (µs). Answers each row's new next slot, in µs from
     * the statement's time — the old one is that less {@code advance}, so each text's slot follows in Java.
     */
    private static final String RESERVE = """
            insert into sending_slot as s (number, next_slot)
            select r.number, statement_timestamp() + r.advance * interval '1 microsecond'
              from unnest(?::text[], ?::bigint[]) as r(number, advance)
             order by r.number
            on conflict (number) do update
            set next_slot = greatest(s.next_slot, statement_timestamp()) + (excluded.next_slot - statement_timestamp())
            returning s.number, (extract(epoch from (s.next_slot - statement_timestamp())) * 1000000)::bigint""";

    @Inject
    AgroalDataSource dataSource;

    public SendingSlots() {
    }

    public SendingSlots(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One text asking for its number's next slot.
     *
     * @param intervalNanos  the time one text takes of the number's rate
     * @param toleranceNanos how far ahead of its slot a text may go (the burst: {@code interval × (burst − 1)})
     */
    public record SlotRequest(String number, long intervalNanos, long toleranceNanos) {
    }

    /**
     * Reserves a slot for each text, in one statement, and returns how long each is to wait for its slot, in
     * nanoseconds (0: now), in the order asked. Texts of one number take its slots one after another, in that order.
     */
    public long[] reserve(List<SlotRequest> texts) {
        if (texts.isEmpty()) {
            return new long[0];
        }
        Map<String, Long> advance = new LinkedHashMap<>();
        for (SlotRequest text : texts) {
            advance.merge(text.number(), micros(text.intervalNanos()), Long::sum);
        }
        Map<String, Long> nextSlots = QuarkusTransaction.suspendingExisting().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RESERVE)) {
                s.setArray(1, c.createArrayOf("text", advance.keySet().toArray(String[]::new)));
                s.setArray(2, c.createArrayOf("bigint", advance.values().toArray(Long[]::new)));
                Map<String, Long> answered = new HashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        answered.put(r.getString(1), r.getLong(2));
                    }
                }
                return answered;
            } catch (SQLException e) {
                throw new IllegalStateException("could not reserve sending slots: " + e.getMessage(), e);
            }
        });
        return waits(texts, nextSlots);
    }

    /**
     * Each text's wait from what the statement answered: a number's slots before the batch ended at its new next slot
     * less its texts' intervals; its k-th text's slot is that plus the intervals of the texts before it, and it may go
     * its tolerance ahead of it (the GCRA of {@link com.mctb.messaging.domain.SendingRate}, text by text).
     *
     * @param nextSlots each number's next slot after the batch, in µs from the statement's time
     */
    static long[] waits(List<SlotRequest> texts, Map<String, Long> nextSlots) {
        Map<String, Long> before = new HashMap<>();
        for (SlotRequest text : texts) {
            before.merge(text.number(), micros(text.intervalNanos()), Long::sum);
        }
        before.replaceAll((number, advance) -> {
            Long next = nextSlots.get(number);
            if (next == null) {
                throw new IllegalStateException("no sending slot answered for " + number);
            }
            return next - advance;
        });
        long[] waits = new long[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            SlotRequest text = texts.get(i);
            long slot = before.get(text.number());
            waits[i] = TimeUnit.MICROSECONDS.toNanos(Math.max(0, slot - micros(text.toleranceNanos())));
            before.put(text.number(), slot + micros(text.intervalNanos()));
        }
        return waits;
    }

    private static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos);
    }

    /** Forgets numbers whose last slot is long past (call now and then). */
    public int forgetIdle() {
        return QuarkusTransaction.suspendingExisting().call(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                return s.executeUpdate("delete from sending_slot where next_slot < now() - interval '1 minute'");
            } catch (SQLException e) {
                throw new IllegalStateException("could not forget idle sending slots: " + e.getMessage(), e);
            }
        });
    }
}
