package com.mctb.stack.bench;

import java.util.Arrays;

/** Latency percentiles over recorded samples (nanoseconds in, milliseconds out). */
public final class Percentiles {

    private final long[] sorted;

    public Percentiles(long[] nanos) {
        sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** The q-th quantile (0..1) in milliseconds, nearest-rank; NaN when there are no samples. */
    public double ms(double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    public double maxMs() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }
}
