package com.mctb.settings.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * workflow-service's REST API as WireMock, for the legacy toggle's "is a missed-call workflow active?" question. Every
 * test class of this module uses it (with KafkaAndPostgres), so they all share one application boot.
 */
public class WorkflowServiceStandIn implements QuarkusTestResourceLifecycleManager {

    /** Marks a {@link WireMockServer} field of a test to receive the stand-in. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectWorkflowService {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return Map.of(
                "mctb.settings.workflow-service-url", server.baseUrl(),
                // Short, so a test of a slow answer is quick; above what a busy build machine takes for a fast one.
                "mctb.settings.workflow-service-timeout", "PT2S");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWorkflowService.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
