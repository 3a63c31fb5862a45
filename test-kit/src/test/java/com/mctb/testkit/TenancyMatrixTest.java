package com.mctb.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The matrix against a small fake service whose guards the test chooses: it passes a guarded service and catches
 * each kind of hole (an operation another account's token reaches, one a tenant reaches that only an operator may,
 * an operator-only operation that is gone from the document).
 */
class TenancyMatrixTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "paths": {
              "/api/accounts/{accountId}/numbers/{number}": {
                "get": {"parameters": [{"name": "accountId", "in": "path", "required": true, "schema": {"type": "string"}},
                                       {"name": "number", "in": "path", "required": true, "schema": {"type": "string"}}]},
                "delete": {"parameters": [{"name": "release", "in": "query", "schema": {"type": "boolean"}}]}},
              "/api/accounts/{accountId}/contacts/{contactId}": {
                "parameters": [{"name": "contactId", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
                "put": {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}}},
              "/api/accounts/{accountId}/usage": {
                "get": {"parameters": [{"name": "month", "in": "query", "required": true, "schema": {"type": "string"}}]}},
              "/api/accounts/{accountId}/messaging-limit": {
                "get": {}, "put": {"requestBody": {"content": {"application/json": {}}}}},
              "/api/twilio/numbers/configure": {"post": {"x-mctb-operator-only": true}},
              "/api/messages/segments": {"post": {}}
            }}""";

    private static final Pattern ACCOUNT_PATH = Pattern.compile("^/api/accounts/([^/]+)(/.*)?$");

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** A fake service: 401 without a token, 403 for another account, except where the test leaves a hole. */
    private String serve(Set<String> unguarded, Set<String> unguardedForTenants) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String call = exchange.getRequestMethod() + " " + path
                    + (exchange.getRequestURI().getQuery() == null ? "" : "?" + exchange.getRequestURI().getQuery());
            if (path.equals("/q/openapi")) {
                answer(exchange, 200, DOCUMENT);
                return;
            }
            requests.add(call);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null) {
                answer(exchange, 401, "{\"detail\": \"a bearer token is required\"}");
                return;
            }
            String claims = new String(Base64.getUrlDecoder().decode(authorization.split("\\.")[1]),
                    StandardCharsets.UTF_8);
            boolean admin = claims.contains("\"admin\"");
            String operation = exchange.getRequestMethod() + " " + path;
            Matcher account = ACCOUNT_PATH.matcher(path);
            if (account.matches() && !admin && !claims.contains("\"account_id\":\"" + account.group(1) + "\"")
                    && !unguarded.contains(operation)) {
                answer(exchange, 403, "{\"detail\": \"this credential is not for account " + account.group(1) + "\"}");
                return;
            }
            boolean operatorOnly = operation.equals("PUT /api/accounts/tenant-a/messaging-limit")
                    || path.equals("/api/twilio/numbers/configure");
            if (operatorOnly && !admin && !unguardedForTenants.contains(operation)) {
                answer(exchange, 403, "{\"detail\": \"an operator's token is required\"}");
                return;
            }
            answer(exchange, 200, "{}");
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aGuardedServicePassesAndEveryOperationIsCalledWithPlausibleValues() throws IOException {
        String base = serve(Set.of(), Set.of());

        List<String> checked = TenancyMatrix.at(base)
                .operatorOnly("PUT /api/accounts/{accountId}/messaging-limit")
                .verify("tenant-a", "tenant-b");

        assertEquals(List.of(
                "GET /api/accounts/{accountId}/numbers/{number}",
                "DELETE /api/accounts/{accountId}/numbers/{number}",
                "PUT /api/accounts/{accountId}/contacts/{contactId}",
                "GET /api/accounts/{accountId}/usage",
                "GET /api/accounts/{accountId}/messaging-limit",
                "PUT /api/accounts/{accountId}/messaging-limit (operator only)",
                "POST /api/twilio/numbers/configure (operator only)"), checked);
        assertTrue(requests.contains("GET /api/accounts/tenant-a/numbers/+15555550100"), requests::toString);
        assertTrue(requests.contains("PUT /api/accounts/tenant-a/contacts/3f0c1b2a-4d5e-4f60-8a7b-9c0d1e2f3a4b"),
                requests::toString);
        assertTrue(requests.contains("GET /api/accounts/tenant-a/usage?month=2026-03"), requests::toString);
        assertTrue(requests.stream().noneMatch(r -> r.contains("segments")), "not an account's operation");
    }

    @Test
    void anOperationAnotherAccountsTokenReachesFailsTheMatrixByName() throws IOException {
        String base = serve(Set.of("GET /api/accounts/tenant-a/usage"), Set.of());

        AssertionError error = assertThrows(AssertionError.class,
                () -> TenancyMatrix.at(base).verify("tenant-a", "tenant-b"));

        assertTrue(error.getMessage().contains(
                "GET /api/accounts/{accountId}/usage with tenant-b's token for tenant-a answered 200, not 403"),
                error::getMessage);
        assertTrue(error.getMessage().contains("1 of the answers are wrong"), error::getMessage);
    }

    @Test
    void anOperatorOnlyOperationATenantReachesFailsTheMatrix() throws IOException {
        String base = serve(Set.of(), Set.of("PUT /api/accounts/tenant-a/messaging-limit",
                "POST /api/twilio/numbers/configure"));

        AssertionError error = assertThrows(AssertionError.class, () -> TenancyMatrix.at(base)
                .operatorOnly("PUT /api/accounts/{accountId}/messaging-limit").verify("tenant-a", "tenant-b"));

        assertTrue(error.getMessage().contains("PUT /api/accounts/{accountId}/messaging-limit (operator only) with "
                + "tenant-a's own token answered 200, not 403"), error::getMessage);
        assertTrue(error.getMessage().contains("POST /api/twilio/numbers/configure (operator only) with tenant-a's "
                + "own token answered 200, not 403"), error::getMessage);
    }

    @Test
    void anOperatorOnlyOperationMissingFromTheDocumentFailsTheMatrix() throws IOException {
        String base = serve(Set.of(), Set.of());

        AssertionError error = assertThrows(AssertionError.class, () -> TenancyMatrix.at(base)
                .operatorOnly("put /api/accounts/{accountId}/recipient-countries").verify("tenant-a", "tenant-b"));

        assertTrue(error.getMessage().contains("PUT /api/accounts/{accountId}/recipient-countries is named "
                + "operator-only but is not in the service's OpenAPI document"), error::getMessage);
    }
}
