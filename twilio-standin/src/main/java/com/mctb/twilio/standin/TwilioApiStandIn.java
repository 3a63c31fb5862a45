package com.mctb.twilio.standin;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;

/**
 * A local stand-in for Twilio's REST API (api.twilio.com), speaking its wire format: the Twilio SDK in
 * messaging-service is pointed at {@link #baseUrl()} and cannot tell the difference. Runs in a test's JVM or, through
 * {@link #main}, as its own process for the local stack.
 */
public final class TwilioApiStandIn implements AutoCloseable {

    private final WireMockServer server;
    private final MessagesApi messages = new MessagesApi();

    private TwilioApiStandIn(int port) {
        server = new WireMockServer(options()
                .port(port)
                .bindAddress("127.0.0.1")
                .containerThreads(32)
                .disableRequestJournal()
                .extensions(messages, new ControlApi(messages)));
        server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json"))
                .willReturn(aResponse().withTransformers(MessagesApi.NAME)));
        server.stubFor(any(urlPathMatching("/stand-in/.*"))
                .willReturn(aResponse().withTransformers(ControlApi.NAME)));
    }

    /** Starts on the given port, or on a free one when 0. */
    public static TwilioApiStandIn start(int port) {
        TwilioApiStandIn standIn = new TwilioApiStandIn(port);
        standIn.server.start();
        return standIn;
    }

    public int port() {
        return server.port();
    }

    /** What to configure as the Twilio API base URL instead of https://api.twilio.com. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Every Messages API request accepted so far, oldest first. */
    public List<SentMessage> sentMessages() {
        return messages.sent();
    }

    /** Forgets the messages and any injected failures. */
    public void reset() {
        messages.clear();
    }

    /** The next {@code count} Messages API requests are answered with {@code status} (429 or 5xx). */
    public void failNext(int count, int status) {
        messages.failNext(count, status);
    }

    /** Each request fails with {@code status} at this rate (0 to 1) until {@link #reset()}. */
    public void failRandomly(double rate, int status) {
        messages.failRandomly(rate, status);
    }

    @Override
    public void close() {
        server.stop();
    }

    /** {@code java ... TwilioApiStandIn [port]}: runs until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        TwilioApiStandIn standIn = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
        System.out.println("Twilio API stand-in listening on " + standIn.baseUrl());
        Thread.currentThread().join();
    }
}
