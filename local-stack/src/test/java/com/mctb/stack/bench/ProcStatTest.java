package com.mctb.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void readsTheTimesAfterANameWithSpacesAndParentheses() {
        // proc(5): pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
        ProcStat stat = ProcStat.parse("16311 (postgres: a (b)) S 13314 13314 13314 0 -1 4194560 1200 0 0 0 "
                + "57 23 901 99 20 0 1 0 4242 226000000 3000 18446744073709551615");
        assertThat(stat.pid()).isEqualTo(16311);
        assertThat(stat.comm()).isEqualTo("postgres: a (b)");
        assertThat(stat.ppid()).isEqualTo(13314);
        assertThat(stat.ownTicks()).isEqualTo(57 + 23);
        assertThat(stat.childTicks()).isEqualTo(901 + 99);
        assertThat(ProcStat.ms(stat.ownTicks())).isEqualTo(800.0);
    }

    @Test
    void aLineThatIsNotAStatLineIsRefused() {
        assertThatThrownBy(() -> ProcStat.parse("no name here")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsThisProcessAndFindsNothingForAProcessThatIsNot() {
        long self = ProcessHandle.current().pid();
        assertThat(ProcStat.read(self)).hasValueSatisfying(s -> {
            assertThat(s.pid()).isEqualTo(self);
            assertThat(s.comm()).isEqualTo("java");
            assertThat(s.ppid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
        });
        assertThat(ProcStat.read(Integer.MAX_VALUE + 7L)).isEmpty();
    }
}
