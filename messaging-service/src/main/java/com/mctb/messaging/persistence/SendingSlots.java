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
import java.util.concurrent.TimeUnit;

/**
 * The sending numbers' next free slots in PostgreSQL ({@code sending_slot}), so every replica draws from one rate per
 * number: the generic cell rate algorithm of {@link com.mctb.messaging.domain.SendingRate}, its one timestamp per
 * number kept in a row and advanced by one statement per text. The statement runs on its own (autocommit, outside
 * the caller's transaction): the row is locked for that statement only, never for an intake batch's transaction.
 */
@ApplicationScoped
public class SendingSlots {

    private static final String RESERVE = """
            insert into sending_slot as s (number, next_slot)
            values (?, statement_timestamp() + ? * interval '1 microsecond')
            on conflict (number) do update
            set next_slot = greatest(s.next_slot, statement_timestamp()) + ? * interval '1 microsecond'
            returning (extract(epoch from (greatest(statement_timestamp(),
                           s.next_slot - (? + ?) * interval '1 microsecond') - statement_timestamp())) * 1000000)::bigint""";

    @Inject
    AgroalDataSource dataSource;

    public SendingSlots() {
    }

    public SendingSlots(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Reserves the number's next slot and returns how long to wait for it, in nanoseconds (0: now).
     *
     * @param intervalNanos   the time one text takes of the number's rate
     * @param toleranceNanos  how far ahead of its slot a text may go (the burst: {@code interval × (burst − 1)})
     */
    public long reserve(String number, long intervalNanos, long toleranceNanos) {
        long interval = TimeUnit.NANOSECONDS.toMicros(intervalNanos);
        long tolerance = TimeUnit.NANOSECONDS.toMicros(toleranceNanos);
        return QuarkusTransaction.suspendingExisting().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RESERVE)) {
                s.setString(1, number);
                s.setLong(2, interval);
                s.setLong(3, interval);
                s.setLong(4, interval);
                s.setLong(5, tolerance);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return TimeUnit.MICROSECONDS.toNanos(Math.max(0, r.getLong(1)));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not reserve a sending slot: " + e.getMessage(), e);
            }
        });
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
