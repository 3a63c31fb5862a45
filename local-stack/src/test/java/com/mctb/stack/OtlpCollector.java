package com.mctb.stack;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Receives the services' spans as a trace viewer (Jaeger, in docker-compose) would: OTLP over HTTP with protobuf
 * bodies, on any path (the exporter posts to /v1/traces). Keeps every span for the test to look at.
 */
final class OtlpCollector implements AutoCloseable {

    /** One received span: ids in hex, as in a traceparent. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                receive(ExportTraceServiceRequest.parseFrom(body));
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                }
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Where the services' OTLP exporter sends (protocol http/protobuf). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    private void receive(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name"))
                    .map(KeyValue::getValue).map(v -> v.getStringValue()).findFirst().orElse("?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (var span : scope.getSpansList()) {
                    spans.add(new ReceivedSpan(service, hex.formatHex(span.getTraceId().toByteArray()),
                            hex.formatHex(span.getSpanId().toByteArray()),
                            span.getParentSpanId().isEmpty() ? null : hex.formatHex(span.getParentSpanId().toByteArray()),
                            span.getName(), span.getKind().name()));
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
