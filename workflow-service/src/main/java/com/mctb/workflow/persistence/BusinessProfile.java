package com.mctb.workflow.persistence;

import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.hours.BusinessHours;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** This service's copy of an account's Business Profile (settings.business). */
@Entity
@Table(name = "business_profile")
public class BusinessProfile extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public String accountId;

    @Column(name = "business_name", nullable = false)
    public String businessName;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    public List<String> numbers;

    @Column(name = "default_number")
    public String defaultNumber;

    @Column(name = "legacy_text_back_enabled", nullable = false)
    public boolean legacyTextBackEnabled;

    @Column(name = "legacy_text_back_message")
    public String legacyTextBackMessage;

    /** The business's opening hours as JSON ({@link JsonDocuments#hours}); null when the account set none. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String hours;

    @Column(nullable = false)
    public long version;

    /** Who is told of the account's calls and replies ({@link BusinessProfileChanged.Team} as JSON), or null. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String team;

    /** The hours to act on: the account's, or always open in its time zone when it has set none. */
    public BusinessHours effectiveHours() {
        BusinessHours set = JsonDocuments.hours(hours);
        return set != null ? set : BusinessHours.alwaysOpen(timeZone);
    }

    /** The number texts go from when a step names none: the default number, else the number that was called. */
    public String sendingNumber(String calledNumber) {
        return defaultNumber != null ? defaultNumber : calledNumber;
    }

    /** Keeps the newest snapshot; an older one arriving late changes nothing. */
    public static void apply(BusinessProfileChanged event) {
        BusinessProfile profile = findById(event.accountId());
        if (profile == null) {
            profile = new BusinessProfile();
            profile.accountId = event.accountId();
        } else if (profile.version > event.version()) {
            return;
        }
        profile.businessName = event.businessName();
        profile.timeZone = event.timeZone();
        profile.numbers = List.copyOf(event.numbers());
        profile.defaultNumber = event.defaultNumber();
        profile.legacyTextBackEnabled = event.legacyTextBack().enabled();
        profile.legacyTextBackMessage = event.legacyTextBack().message();
        profile.hours = JsonDocuments.hours(event.hours());
        profile.version = event.version();
        profile.team = event.team() == null ? null : JsonDocuments.write(event.team());
        profile.persist();
    }
}
