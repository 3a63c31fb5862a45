package com.mctb.console.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mctb.testkit.PackagedService;
import com.mctb.twilio.standin.TwilioApiStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the console's pages talk to in its tests: the four services' packaged jars as processes, against a real Kafka
 * broker and PostgreSQL (test-kit) and the Twilio stand-in (in this JVM; it posts Twilio's signed status, recording
 * and transcription callbacks to the services). workflow-service is reached through a WireMock server that passes
 * everything on to the real one, so that the settings page's tests can stub what workflow-service answers for their
 * own accounts (as they did before the page moved) while every other account talks to the real service. call-gateway
 * is reached the same way, so that a test can stub its recordings API for its own account. Every test
 * class of this module uses it, so they share one boot of the console and of the services.
 */
public class ConsoleBackends implements QuarkusTestResourceLifecycleManager {

    public static final String TWILIO_ACCOUNT_SID = "AC" + "0".repeat(31) + "1";
    public static final String TWILIO_AUTH_TOKEN = "console-test-auth-token";

    /** Marks a {@link WireMockServer} field of a test to receive the workflow-service proxy. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectWorkflowService {
    }

    /** Marks a {@link WireMockServer} field of a test to receive the call-gateway proxy. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectCallGateway {
    }

    private static WireMockServer workflowProxy;
    private static WireMockServer gatewayProxy;
    private static TwilioApiStandIn twilio;
    private static PackagedService settings;
    private static PackagedService workflow;
    private static PackagedService messaging;
    private static PackagedService gateway;

    @Override
    public synchronized Map<String, String> start() {
        if (workflowProxy == null) {
            // As Twilio: the platform's account and the subaccounts settings-service makes, each with its token.
            twilio = TwilioApiStandIn.start(0, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN);
            workflowProxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            workflowProxy.start();
            gatewayProxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            gatewayProxy.start();
            settings = PackagedService.of("settings-service");
            workflow = PackagedService.of("workflow-service");
            messaging = PackagedService.of("messaging-service");
            gateway = PackagedService.of("call-gateway");
            proxyToWorkflowService();
            gatewayProxy.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().proxiedFrom(gateway.url())));
            settings.with("WORKFLOW_SERVICE_URL", workflowProxy.baseUrl())
                    .with("SETTINGS_PUBLIC_BASE_URL", settings.url())
                    .with("TWILIO_API_BASE_URL", twilio.baseUrl())
                    .with("TWILIO_ACCOUNT_SID", TWILIO_ACCOUNT_SID)
                    .with("TWILIO_AUTH_TOKEN", TWILIO_AUTH_TOKEN)
                    .with("PUBLIC_BASE_URL", gateway.url())
                    .with("MESSAGING_PUBLIC_BASE_URL", messaging.url());
            workflow.with("MESSAGING_SERVICE_URL", messaging.url());
            messaging.with("TWILIO_API_BASE_URL", twilio.baseUrl())
                    .with("TWILIO_ACCOUNT_SID", TWILIO_ACCOUNT_SID)
                    .with("TWILIO_AUTH_TOKEN", TWILIO_AUTH_TOKEN)
                    .with("MESSAGING_PUBLIC_BASE_URL", messaging.url());
            gateway.with("TWILIO_API_BASE_URL", twilio.baseUrl())
                    .with("TWILIO_ACCOUNT_SID", TWILIO_ACCOUNT_SID)
                    .with("TWILIO_AUTH_TOKEN", TWILIO_AUTH_TOKEN)
                    .with("PUBLIC_BASE_URL", gateway.url());
            // Twilio reports each accepted text as sent, then delivered, to messaging-service's status webhook.
            twilio.postStatusCallbacks(TWILIO_AUTH_TOKEN, null, null, List.of("sent", "delivered"),
                    Duration.ofMillis(200));
            PackagedService.startAll(List.of(settings, workflow, messaging, gateway), Duration.ofSeconds(180));
        }
        return Map.of(
                "mctb.console.settings-service-url", settings.url(),
                "mctb.console.workflow-service-url", workflowProxy.baseUrl(),
                "mctb.console.messaging-service-url", messaging.url(),
                "mctb.console.call-gateway-url", gatewayProxy.baseUrl(),
                "mctb.console.connect-timeout", "PT2S");
    }

    /** Everything no test stubbed goes to the real workflow-service (lowest priority). */
    public static void proxyToWorkflowService() {
        workflowProxy.stubFor(any(anyUrl()).atPriority(100)
                .willReturn(aResponse().proxiedFrom(workflow.url())));
    }

    public static TwilioApiStandIn twilio() {
        return twilio;
    }

    public static PackagedService gateway() {
        return gateway;
    }

    public static PackagedService messaging() {
        return messaging;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(workflowProxy,
                new TestInjector.AnnotatedAndMatchesType(InjectWorkflowService.class, WireMockServer.class));
        testInjector.injectIntoFields(gatewayProxy,
                new TestInjector.AnnotatedAndMatchesType(InjectCallGateway.class, WireMockServer.class));
    }

    @Override
    public synchronized void stop() {
        for (PackagedService service : new PackagedService[] {gateway, messaging, workflow, settings}) {
            if (service != null) {
                service.stop();
            }
        }
        gateway = messaging = workflow = settings = null;
        if (workflowProxy != null) {
            workflowProxy.stop();
            workflowProxy = null;
        }
        if (gatewayProxy != null) {
            gatewayProxy.stop();
            gatewayProxy = null;
        }
        if (twilio != null) {
            twilio.close();
            twilio = null;
        }
    }
}
