package com.mctb.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GatewayHandlingTest {

    private static final String BEFORE = """
            # TYPE http_server_requests_seconds summary
            http_server_requests_seconds_count{method="POST",outcome="SUCCESS",status="200",uri="/twilio/voice/incoming"} 100.0
            http_server_requests_seconds_sum{method="POST",outcome="SUCCESS",status="200",uri="/twilio/voice/incoming"} 5.0
            http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/q/health/ready"} 7.0
            http_server_requests_seconds_sum{method="GET",outcome="SUCCESS",status="200",uri="/q/health/ready"} 9.0
            http_server_requests_seconds_max{method="POST",outcome="SUCCESS",status="200",uri="/twilio/voice/incoming"} 0.2
            """;

    private static final String AFTER = """
            http_server_requests_seconds_count{method="POST",outcome="SUCCESS",status="200",uri="/twilio/voice/incoming"} 300.0
            http_server_requests_seconds_sum{method="POST",outcome="SUCCESS",status="200",uri="/twilio/voice/incoming"} 25.0
            http_server_requests_seconds_count{method="POST",outcome="SUCCESS",status="200",uri="/twilio/voice/dial-complete"} 200.0
            http_server_requests_seconds_sum{method="POST",outcome="SUCCESS",status="200",uri="/twilio/voice/dial-complete"} 30.0
            http_server_requests_seconds_max{method="POST",outcome="SUCCESS",status="200",uri="/twilio/voice/incoming"} 0.4
            http_server_requests_seconds_max{method="POST",outcome="SUCCESS",status="200",uri="/twilio/voice/dial-complete"} 1.3
            http_server_requests_seconds_max{method="GET",outcome="SUCCESS",status="200",uri="/q/health/ready"} 9.0
            """;

    @Test
    void theVoiceEndpointsAloneBetweenTwoScrapes() {
        GatewayHandling.Window w = GatewayHandling.Window.between(GatewayHandling.parse(BEFORE),
                GatewayHandling.parse(AFTER));

        assertThat(w.requests()).isEqualTo(400);
        assertThat(w.meanMs()).isCloseTo((25.0 + 30.0 - 5.0) / 400 * 1000, within(1e-9));
        assertThat(w.maxMs()).isCloseTo(1300, within(1e-9));
    }

    @Test
    void anUnreadableGatewayGivesNoFigure() {
        GatewayHandling.Window w = GatewayHandling.Window.between(GatewayHandling.Snapshot.NONE,
                GatewayHandling.Snapshot.NONE);

        assertThat(w.meanMs()).isNaN();
    }
}
