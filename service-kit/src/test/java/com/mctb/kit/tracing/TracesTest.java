package com.mctb.kit.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TracesTest {

    private static final SdkTracerProvider PROVIDER = SdkTracerProvider.builder().build();
    private final Tracer tracer = PROVIDER.get("test");

    @AfterAll
    static void close() {
        PROVIDER.close();
    }

    @Test
    void withoutASpanThereIsNothingToCarry() {
        assertThat(Traces.current()).isNull();
        assertThat(Traces.parse((String) null)).isSameAs(Context.root());
        assertThat(Traces.parse("not-a-traceparent")).satisfies(
                c -> assertThat(Span.fromContext(c).getSpanContext().isValid()).isFalse());
    }

    @Test
    void aStoredContextContinuesTheSameTraceUnderANewSpan() {
        String stored;
        String traceId;
        try (Traces.Active webhook = Traces.start(tracer, "webhook", SpanKind.SERVER, Context.root())) {
            traceId = webhook.span().getSpanContext().getTraceId();
            stored = Traces.current();
            assertThat(MDC.get("traceId")).isEqualTo(traceId);
        }
        assertThat(stored).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(MDC.get("traceId")).isNull();

        try (Traces.Active later = Traces.start(tracer, "later", SpanKind.CONSUMER, Traces.parse(stored))) {
            assertThat(later.span().getSpanContext().getTraceId()).isEqualTo(traceId);
            assertThat(Traces.current()).startsWith("00-" + traceId + "-").isNotEqualTo(stored);
        }
    }

    @Test
    void aKafkaRecordCarriesItAsItsTraceparentHeader() {
        RecordHeaders headers = new RecordHeaders();
        assertThat(Span.fromContext(Traces.parse(headers)).getSpanContext().isValid()).isFalse();

        Traces.addTo(headers, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        Traces.addTo(headers, "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01");
        Traces.addTo(headers, null);

        assertThat(headers.headers(Traces.TRACEPARENT)).hasSize(1);
        assertThat(new String(headers.lastHeader(Traces.TRACEPARENT).value()))
                .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01");
        assertThat(Span.fromContext(Traces.parse(headers)).getSpanContext().getSpanId()).isEqualTo("00f067aa0ba902b7");
    }
}
