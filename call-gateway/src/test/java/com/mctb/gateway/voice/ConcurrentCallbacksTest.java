package com.mctb.gateway.voice;

import static com.mctb.gateway.voice.KnownNumbers.CALLER;
import static com.mctb.gateway.voice.KnownNumbers.GLOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class ConcurrentCallbacksTest {

    @BeforeEach
    void numbersAreKnownToTheGateway() {
        KnownNumbers.publishAndAwait();
    }

    @Test
    void manyThreadsDeliveringTheSameCallbacksAtOnceReportOneMissedCall() throws Exception {
        String callSid = Webhooks.callSid(200);
        Map<String, String> noAnswer = Webhooks.dialComplete(callSid, CALLER, GLOW, "no-answer");
        Map<String, String> ended = Webhooks.call(callSid, CALLER, GLOW);
        ended.put("CallStatus", "no-answer");
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                boolean dial = i % 4 != 0;
                answers.add(pool.submit(() -> {
                    start.await();
                    return dial ? Webhooks.post("/twilio/voice/dial-complete", noAnswer).statusCode()
                            : Webhooks.post("/twilio/voice/status", ended).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        // Read past the status grace period too: neither path may add a second report.
        assertThat(KnownNumbers.missedCalls(callSid, 1)).hasSize(1);
    }
}
