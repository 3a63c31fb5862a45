package com.mctb.kit.db;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Keeps the planner's statistics of this service's tables when the PostgreSQL server does not ({@code autovacuum =
 * off}): every {@code mctb.db.statistics-every} (a minute, autovacuum's own {@code autovacuum_naptime}; {@code off}
 * stops it) the tables autovacuum would analyze are analyzed ({@link StaleStatistics} says why). Not more often: an
 * ANALYZE of a table that grows fast is not free (130–250 ms for {@code message} or {@code journey_entry} after a
 * benchmark), and every 15 s it ran 147 times in one {@code ./mctb bench}. On a server that runs autovacuum this does
 * nothing after its first look. Two replicas may both analyze a table; the second waits for the first.
 */
@ApplicationScoped
public class PlannerStatistics {

    private static final Logger LOG = Logger.getLogger(PlannerStatistics.class);

    @Inject
    DataSource dataSource;

    private volatile Boolean keptByServer;
    private volatile long lastFailureLogged;

    @Scheduled(identity = "planner-statistics", every = "${mctb.db.statistics-every:1m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keep() {
        if (Boolean.TRUE.equals(keptByServer)) {
            return;
        }
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            if (keptByServer == null) {
                keptByServer = StaleStatistics.keptByServer(connection);
                LOG.infof(keptByServer ? "autovacuum is on: the server keeps the planner's statistics"
                        : "autovacuum is off: this service analyzes its tables as autovacuum would");
                if (keptByServer) {
                    return;
                }
            }
            List<String> analyzed = StaleStatistics.analyze(connection);
            if (!analyzed.isEmpty()) {
                LOG.debugf("analyzed %s in %d ms", analyzed,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        } catch (SQLException | RuntimeException e) {
            // The database may be away for a while (a restart): said once a minute, tried again at the next period.
            long now = System.nanoTime();
            if (now - lastFailureLogged > TimeUnit.MINUTES.toNanos(1)) {
                lastFailureLogged = now;
                LOG.warnf("could not bring the planner's statistics up to date (tried again in a moment): %s",
                        e.getMessage());
            }
        }
    }
}
