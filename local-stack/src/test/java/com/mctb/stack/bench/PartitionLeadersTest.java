package com.mctb.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fault run kills the broker leading most of a topic's partitions, so the kill surely moves its leadership. */
class PartitionLeadersTest {

    @Test
    void theBrokerLeadingMostPartitionsIsChosenWithWhatItLed() {
        var leader = PartitionLeaders.busiest(Map.of(0, 2, 1, 3, 2, 2, 3, 1, 4, 2, 5, 3)).orElseThrow();

        assertThat(leader.brokerId()).isEqualTo(2);
        assertThat(leader.partitions()).containsExactly(0, 2, 4);
    }

    @Test
    void aTieGoesToTheLowestIdAndPartitionsWithoutALeaderAreNotCounted() {
        var leader = PartitionLeaders.busiest(Map.of(0, 3, 1, 1, 2, -1, 3, 3, 4, 1, 5, -1)).orElseThrow();

        assertThat(leader.brokerId()).isEqualTo(1);
        assertThat(leader.partitions()).containsExactly(1, 4);
        assertThat(leader.leaders()).containsEntry(2, -1);
    }

    @Test
    void noLeaderAtAllIsNothingToKill() {
        assertThat(PartitionLeaders.busiest(Map.of(0, -1, 1, -1))).isEmpty();
    }
}
