package com.mctb.workflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.hours.BusinessHours;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.JsonDocuments;
import com.mctb.workflow.support.Flows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The remembered answer is always the one BusinessHours itself gives. */
class OpeningHoursTest {

    @Test
    void rememberedAnswersMatchTheRuleMinuteByMinuteAcrossADstChange() {
        BusinessHours hours = Flows.nineToFive("America/New_York");
        BusinessProfile profile = profile("acct", 1, hours);
        OpeningHours opening = new OpeningHours();

        // Friday before New York springs forward to the Tuesday after, in 7-minute steps.
        for (Instant at = Instant.parse("2026-03-06T12:00:00Z"); at.isBefore(Instant.parse("2026-03-10T23:00:00Z"));
                at = at.plus(Duration.ofMinutes(7))) {
            assertThat(opening.at(profile, at)).as("at %s", at).isEqualTo(hours.status(at));
        }
    }

    @Test
    void aNewProfileVersionWithOtherHoursIsNotAnsweredFromTheOldOne() {
        OpeningHours opening = new OpeningHours();
        Instant mondayNoonInLondon = Instant.parse("2026-03-30T11:00:00Z");

        assertThat(opening.at(profile("acct", 1, null), mondayNoonInLondon).open()).isTrue();
        BusinessHours closedAllWeek = new BusinessHours("Europe/London", java.util.Map.of(), List.of());
        assertThat(opening.at(profile("acct", 2, closedAllWeek), mondayNoonInLondon).open()).isFalse();
    }

    @Test
    void anAccountWithoutAProfileIsAlwaysOpen() {
        assertThat(new OpeningHours().at(null, Instant.now()).open()).isTrue();
    }

    private static BusinessProfile profile(String account, long version, BusinessHours hours) {
        BusinessProfile profile = new BusinessProfile();
        profile.accountId = account;
        profile.version = version;
        profile.timeZone = hours == null ? "Europe/London" : hours.timeZone();
        profile.hours = JsonDocuments.hours(hours);
        return profile;
    }
}
