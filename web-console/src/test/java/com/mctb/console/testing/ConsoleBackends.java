package com.mctb.console.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mctb.testkit.PackagedService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the console's pages talk to in its tests: settings-service's packaged jar as a process, against a real Kafka
 * broker and PostgreSQL (test-kit), and workflow-service as a WireMock stand-in answering what workflow-service
 * documents. Every test class of this module uses it, so they share one boot of the console and of the services.
 */
public class ConsoleBackends implements QuarkusTestResourceLifecycleManager {

    /** Marks a {@link WireMockServer} field of a test to receive the workflow-service stand-in. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectWorkflowService {
    }

    private static WireMockServer workflowService;
    private static PackagedService settingsService;

    @Override
    public synchronized Map<String, String> start() {
        if (workflowService == null) {
            workflowService = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            workflowService.start();
            settingsService = PackagedService.of("settings-service")
                    .with("WORKFLOW_SERVICE_URL", workflowService.baseUrl());
            PackagedService.startAll(List.of(settingsService), Duration.ofSeconds(120));
        }
        return Map.of(
                "mctb.console.settings-service-url", settingsService.url(),
                "mctb.console.workflow-service-url", workflowService.baseUrl(),
                "mctb.console.connect-timeout", "PT2S");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(workflowService,
                new TestInjector.AnnotatedAndMatchesType(InjectWorkflowService.class, WireMockServer.class));
    }

    @Override
    public synchronized void stop() {
        if (settingsService != null) {
            settingsService.stop();
            settingsService = null;
        }
        if (workflowService != null) {
            workflowService.stop();
            workflowService = null;
        }
    }
}
