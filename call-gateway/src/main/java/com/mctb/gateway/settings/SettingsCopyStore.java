package com.mctb.gateway.settings;

import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.json.EventDecodingException;
import com.mctb.contracts.json.EventJson;
import com.mctb.kit.kafka.Failures;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The settings copy in the gateway's own schema ({@code call_settings_copy}): written through as {@code settings.call}
 * is read, read back when the gateway starts. Best effort both ways: the topic stays the source, so a write that fails
 * (PostgreSQL away) is made good by the next start's replay of the topic, and a read that fails leaves the copy to the
 * topic alone, as before.
 */
@ApplicationScoped
public class SettingsCopyStore {

    private static final Logger LOG = Logger.getLogger(SettingsCopyStore.class);

    @Inject
    AgroalDataSource db;

    /** Every stored snapshot; empty when the database cannot be read. */
    public Optional<List<CallSettingsChanged>> load() {
        List<CallSettingsChanged> snapshots = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement select = c.prepareStatement("select record_key, payload from call_settings_copy");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                try {
                    snapshots.add(EventJson.decode(rows.getString(2), CallSettingsChanged.class));
                } catch (EventDecodingException e) {
                    LOG.warnf("settings copy: row %s unreadable (%s); the topic will replace it", rows.getString(1),
                            e.getMessage());
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("settings copy: cannot read the stored copy (%s); waiting for settings.call", Failures.describe(e));
            return Optional.empty();
        }
        return Optional.of(snapshots);
    }

    /**
     * Stores a snapshot under its record key, unless the stored one is as new (each start replays the topic: what is
     * stored already is not written again).
     */
    public void put(String recordKey, CallSettingsChanged settings, String payload) {
        write("insert into call_settings_copy (record_key, payload) values (?, ?) "
                + "on conflict (record_key) do update set payload = excluded.payload, updated_at = now() "
                + "where (call_settings_copy.payload::jsonb ->> 'version')::bigint < ?",
                recordKey, payload, settings.version());
    }

    /** A tombstone: the key, and for an account's key every number of the account. */
    public void remove(String recordKey) {
        if (recordKey.indexOf('/') < 0) {
            write("delete from call_settings_copy where record_key = ? or starts_with(record_key, ?)", recordKey,
                    recordKey + "/");
        } else {
            write("delete from call_settings_copy where record_key = ?", recordKey);
        }
    }

    private void write(String sql, Object... parameters) {
        try (Connection c = db.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("settings copy: not stored (%s); the next start reads it from settings.call",
                    Failures.describe(e));
        }
    }
}
