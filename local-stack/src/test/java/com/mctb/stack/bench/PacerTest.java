package com.mctb.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void keepsTheScheduleWithoutSpinning() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        Pacer pacer = new Pacer(1_000);
        for (int i = 0; i <= 200; i++) {
            pacer.awaitTick(i);
        }
        long wall = System.nanoTime() - pacer.start();
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        assertThat(wall).isGreaterThanOrEqualTo(200_000_000L); // tick 200 is due 200 ms after the start
        assertThat(cpu).as("CPU while pacing 200 ms").isLessThan(wall / 2); // a spinning sender would use ~all of it
    }

    @Test
    void aLateTickIsNotWaitedFor() {
        Pacer pacer = new Pacer(10);
        long t0 = System.nanoTime();
        pacer.awaitTick(0);
        assertThat(System.nanoTime() - t0).isLessThan(50_000_000L);
        assertThatThrownBy(() -> new Pacer(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
