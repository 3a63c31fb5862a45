package com.mctb.workflow.service;

import com.mctb.contracts.hours.BusinessHours;
import com.mctb.workflow.persistence.BusinessProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each account's business is open, remembered between calls. {@link BusinessHours#status} lays out a year
 * of opening spans to answer, which is the costliest part of a run; but its answer holds unchanged from the moment
 * it was asked until the next change it names, so every call in that stretch (a whole afternoon of them) reuses it.
 * A new Business Profile version (new hours) starts afresh.
 */
@ApplicationScoped
public class OpeningHours {

    /** How long an answer that names no next change (open or closed for over a year) is reused. */
    private static final Duration NO_CHANGE_REUSE = Duration.ofHours(1);
    private static final int MAX_ACCOUNTS = 50_000;

    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /** @param profile null before the account's profile arrived: always open, in UTC */
    public BusinessHours.Status at(BusinessProfile profile, Instant at) {
        if (profile == null) {
            return new BusinessHours.Status(true, java.util.Optional.empty());
        }
        Known k = known.get(profile.accountId);
        if (k == null || k.version != profile.version) {
            if (known.size() >= MAX_ACCOUNTS) {
                known.clear();
            }
            k = new Known(profile.version, profile.effectiveHours());
            known.put(profile.accountId, k);
        }
        Answer last = k.last;
        if (last != null && !at.isBefore(last.from()) && at.isBefore(last.until())) {
            return last.status();
        }
        BusinessHours.Status status = k.hours.status(at);
        k.last = new Answer(at, status.nextChange().orElse(at.plus(NO_CHANGE_REUSE)), status);
        return status;
    }

    public static String timeZone(BusinessProfile profile) {
        return profile == null ? "UTC" : profile.timeZone;
    }

    private static final class Known {
        final long version;
        final BusinessHours hours;
        volatile Answer last;

        Known(long version, BusinessHours hours) {
            this.version = version;
            this.hours = hours;
        }
    }

    /** {@code status} holds for every moment in [from, until). */
    private record Answer(Instant from, Instant until, BusinessHours.Status status) {
    }
}
