package com.mctb.kit.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.MDC;

/**
 * A call's W3C trace context where OpenTelemetry's automatic instrumentation cannot follow it: into an outbox row and
 * out onto the Kafka record the relay sends, through our own batch consumers, onto a text waiting for a sender, and
 * back from Twilio's status callback (which carries no trace header, so the context stored with the text is used).
 *
 * <p>Written by hand because the pieces it joins are ours (the outbox, the batch processor, the send queue); the
 * encoding itself is OpenTelemetry's {@link W3CTraceContextPropagator}. With the SDK disabled (the default outside
 * docker-compose) no span is valid, {@link #current()} is null and nothing is stored or sent.
 */
public final class Traces {

    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private Traces() {
    }

    /** The current span as a {@code traceparent} value, or null when there is no valid span. */
    public static String current() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context a stored {@code traceparent} names; the root context when there is none or it is malformed. */
    public static Context parse(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP);
    }

    /** The context a Kafka record's {@code traceparent} header names; the root context when it has none. */
    public static Context parse(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(TRACEPARENT);
        return header == null || header.value() == null ? Context.root()
                : parse(new String(header.value(), StandardCharsets.US_ASCII));
    }

    /** Adds a {@code traceparent} header to a Kafka record's headers, when there is one to add. */
    public static void addTo(Headers headers, String traceparent) {
        if (traceparent != null) {
            headers.remove(TRACEPARENT);
            headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Starts a span under {@code parent} and makes it current, with its ids in the logging MDC (the JSON logs' traceId
     * and spanId fields), until {@link Active#close()}.
     */
    public static Active start(Tracer tracer, String name, SpanKind kind, Context parent, Span... links) {
        var builder = tracer.spanBuilder(name).setSpanKind(kind).setParent(parent);
        for (Span link : links) {
            if (link != null && link.getSpanContext().isValid()) {
                builder.addLink(link.getSpanContext());
            }
        }
        Span span = builder.startSpan();
        return new Active(span, span.makeCurrent());
    }

    /** A started span, current on this thread until closed. */
    public static final class Active implements AutoCloseable {

        private final Span span;
        private final Scope scope;
        private final Object previousTraceId;
        private final Object previousSpanId;

        private Active(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
            this.previousTraceId = MDC.get("traceId");
            this.previousSpanId = MDC.get("spanId");
            SpanContext ids = span.getSpanContext();
            if (ids.isValid()) {
                MDC.put("traceId", ids.getTraceId());
                MDC.put("spanId", ids.getSpanId());
            }
        }

        public Span span() {
            return span;
        }

        public Active attribute(String key, String value) {
            if (value != null) {
                span.setAttribute(key, value);
            }
            return this;
        }

        public void failed(Throwable error) {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        }

        @Override
        public void close() {
            scope.close();
            span.end();
            restore("traceId", previousTraceId);
            restore("spanId", previousSpanId);
        }

        private static void restore(String key, Object previous) {
            if (previous == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, previous);
            }
        }
    }
}
