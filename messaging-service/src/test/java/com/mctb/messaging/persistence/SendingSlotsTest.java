package com.mctb.messaging.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.messaging.domain.SendingRate;
import com.mctb.messaging.persistence.SendingSlots.SlotRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A batch's waits from what its one statement answered (each number's next slot after the batch): the same as the
 * texts reserving one after another with {@link SendingRate}, the GCRA the rows keep.
 */
class SendingSlotsTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long T0 = 1_000_000_000_000L;

    @Test
    void textsOfOneNumberTakeConsecutiveSlotsInTheBatchsOrder() {
        // 3 texts of A and 2 of B, at 4/s, both numbers idle: the rows now end 3 and 2 slots on.
        List<SlotRequest> batch = List.of(text("A", 250, 0), text("B", 250, 0), text("A", 250, 0), text("B", 250, 0),
                text("A", 250, 0));

        long[] waits = SendingSlots.waits(batch, Map.of("A", 750_000L, "B", 500_000L));

        assertThat(waits).containsExactly(0, 0, 250 * MS, 250 * MS, 500 * MS);
    }

    @Test
    void aBusyNumbersTextsQueueBehindItsSlotsAlreadyTaken() {
        // A's next slot was 1 s ahead before the batch: its 2 texts (1/s) end it 3 s ahead.
        long[] waits = SendingSlots.waits(List.of(text("A", 1000, 0), text("A", 1000, 0)), Map.of("A", 3_000_000L));

        assertThat(waits).containsExactly(1000 * MS, 2000 * MS);
    }

    @Test
    void theBurstGoesAtOnceThenTheRateApplies() {
        // burst 3 at 1/s: a tolerance of 2 intervals.
        List<SlotRequest> batch = List.of(text("A", 1000, 2000), text("A", 1000, 2000), text("A", 1000, 2000),
                text("A", 1000, 2000));

        assertThat(SendingSlots.waits(batch, Map.of("A", 4_000_000L))).containsExactly(0, 0, 0, 1000 * MS);
    }

    @Test
    void theWaitsAreThoseOfTheSameTextsReservedOneByOne() {
        // A number with texts of two intervals (its SMS at 4/s and a WhatsApp sender's 80/s), burst 2, already busy.
        List<SlotRequest> batch = List.of(text("A", 250, 250), text("B", 1000, 1000), text("A", 12.5, 12.5),
                text("A", 250, 250), text("B", 1000, 1000), text("A", 250, 250));
        SendingRate oneByOne = new SendingRate();
        oneByOne.reserve("A", 4, 1, T0);
        oneByOne.reserve("A", 4, 1, T0);
        // Now A's next slot is 500 ms ahead; B is idle. The batch advances A by 762.5 ms, B by 2 s.
        long[] expected = new long[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            SlotRequest r = batch.get(i);
            double perSecond = 1e9 / r.intervalNanos();
            expected[i] = reserveWithTolerance(oneByOne, r, perSecond);
        }

        long[] waits = SendingSlots.waits(batch, Map.of("A", 500_000L + 762_500L, "B", 2_000_000L));

        assertThat(waits).containsExactly(expected);
    }

    /** SendingRate takes a burst, not a tolerance: the tolerance of these texts is one interval (burst 2). */
    private static long reserveWithTolerance(SendingRate rate, SlotRequest r, double perSecond) {
        return rate.reserve(r.number(), perSecond, (int) (r.toleranceNanos() / r.intervalNanos()) + 1, T0);
    }

    private static SlotRequest text(String number, double intervalMs, double toleranceMs) {
        return new SlotRequest(number, (long) (intervalMs * MS), (long) (toleranceMs * MS));
    }
}
