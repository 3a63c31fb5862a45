package com.mctb.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tenancy matrix of one running service, enumerated from its own OpenAPI document ({@code /q/openapi}), so an
 * endpoint added later is covered without editing a test: every operation under {@code /api/accounts/{id}/**} is
 * called for account {@code tenant} with no token (must answer 401) and with another account's token (must answer
 * 403: a 2xx, a 404, a 400 or a 500 there is a tenancy hole or a check made after the data was read). Operations
 * an operator alone may call (marked {@value #OPERATOR_ONLY} in the document, or named with
 * {@link #operatorOnly(String)}) must also answer 403 to the account's own tenant token, wherever they live under
 * {@code /api}.
 *
 * <p>Path parameters are filled with plausible values from their names and schemas (an E.164 number for
 * {@code number}, a UUID for {@code format: uuid}, a Twilio SID for {@code *Sid}, …; {@link #pathValue} overrides),
 * required query parameters likewise, and a request body of the operation's media type is sent, so a request is
 * refused for its credential, not for its shape.
 *
 * <pre>{@code
 * List<String> checked = TenancyMatrix.ofThisService().operatorOnly("PUT /api/accounts/{accountId}/messaging-limit")
 *         .verify("tenant-a", "tenant-b");
 * }</pre>
 */
public final class TenancyMatrix {

    /** The OpenAPI extension a service puts on an operation only an operator may call: {@code "x-mctb-operator-only": true}. */
    public static final String OPERATOR_ONLY = "x-mctb-operator-only";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNT_TEMPLATE = Pattern.compile("^/api/accounts/\\{([^}/]+)}(/.*)?$");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private final String baseUri;
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final Set<String> operatorOnly = new LinkedHashSet<>();
    private Function<String, String> tokenFor = TestTokens::forAccount;

    private TenancyMatrix(String baseUri) {
        this.baseUri = baseUri;
    }

    /** The service of this {@code @QuarkusTest} (RestAssured's configured port). */
    public static TenancyMatrix ofThisService() {
        return new TenancyMatrix(null);
    }

    /** A service at another address, e.g. a packaged one ({@code http://127.0.0.1:8081}). */
    public static TenancyMatrix at(String baseUri) {
        return new TenancyMatrix(baseUri);
    }

    /** The value for a path parameter of this name, instead of the guessed one. */
    public TenancyMatrix pathValue(String parameter, String value) {
        pathValues.put(parameter, value);
        return this;
    }

    /**
     * An operation only an operator may call, as {@code "PUT /api/accounts/{accountId}/messaging-limit"} (the
     * document's path template). It must be in the document: a renamed operation fails the matrix rather than
     * leaving it unchecked.
     */
    public TenancyMatrix operatorOnly(String operation) {
        operatorOnly.add(normalize(operation));
        return this;
    }

    /** How a token for an account is made (default {@link TestTokens#forAccount}). */
    public TenancyMatrix tokens(Function<String, String> tokenFor) {
        this.tokenFor = tokenFor;
        return this;
    }

    /**
     * Calls every operation as described above and fails with every wrong answer listed at once.
     *
     * @return the operations checked, as {@code "METHOD /path/template"}, operator-only ones suffixed
     *         {@code " (operator only)"}
     */
    public List<String> verify(String tenant, String otherTenant) {
        JsonNode paths = document().path("paths");
        List<String> checked = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        Set<String> operatorOnlySeen = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            String template = path.getKey();
            Matcher account = ACCOUNT_TEMPLATE.matcher(template);
            boolean accountScoped = account.matches();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                String name = method.toUpperCase(Locale.ROOT) + " " + template;
                boolean forOperators = operation.path(OPERATOR_ONLY).asBoolean(false) || operatorOnly.contains(name);
                if (!accountScoped && !forOperators) {
                    continue;
                }
                if (forOperators) {
                    operatorOnlySeen.add(name);
                }
                Call call = call(method, template, accountScoped ? account.group(1) : null, tenant,
                        parameters(path.getValue(), operation), operation.path("requestBody"));
                expect(wrong, name + " without a token", call.send(null), 401);
                if (accountScoped) {
                    expect(wrong, name + " with " + otherTenant + "'s token for " + tenant,
                            call.send(tokenFor.apply(otherTenant)), 403);
                }
                if (forOperators) {
                    expect(wrong, name + " (operator only) with " + tenant + "'s own token",
                            call.send(tokenFor.apply(tenant)), 403);
                }
                checked.add(forOperators ? name + " (operator only)" : name);
            }
        }
        for (String named : operatorOnly) {
            if (!operatorOnlySeen.contains(named)) {
                wrong.add(named + " is named operator-only but is not in the service's OpenAPI document");
            }
        }
        if (checked.isEmpty()) {
            wrong.add("the OpenAPI document lists no /api/accounts/{id}/** operation: nothing was checked");
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError("tenancy matrix: " + wrong.size() + " of the answers are wrong:\n  "
                    + String.join("\n  ", wrong));
        }
        return checked;
    }

    private static void expect(List<String> wrong, String what, Response response, int status) {
        if (response.statusCode() != status) {
            String body = response.asString();
            wrong.add(what + " answered " + response.statusCode() + ", not " + status
                    + (body.isBlank() ? "" : ": " + abbreviate(body)));
        }
    }

    private JsonNode document() {
        RequestSpecification spec = request().accept("application/json").queryParam("format", "json");
        Response response = spec.get("/q/openapi");
        if (response.statusCode() != 200) {
            throw new AssertionError("the service's OpenAPI document (/q/openapi?format=json) answered "
                    + response.statusCode() + ": is quarkus-smallrye-openapi on its class path?");
        }
        try {
            return JSON.readTree(response.asString());
        } catch (IOException e) {
            throw new AssertionError("the service's OpenAPI document is not JSON", e);
        }
    }

    private RequestSpecification request() {
        RequestSpecification spec = RestAssured.given().redirects().follow(false);
        return baseUri == null ? spec : spec.baseUri(baseUri);
    }

    /** Path-level and operation-level parameters, the operation's winning on the same name and place. */
    private static Map<String, JsonNode> parameters(JsonNode pathItem, JsonNode operation) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode source : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : source) {
                byKey.put(parameter.path("in").asText() + ":" + parameter.path("name").asText(), parameter);
            }
        }
        return byKey;
    }

    private Call call(String method, String template, String accountParameter, String tenant,
            Map<String, JsonNode> parameters, JsonNode requestBody) {
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, JsonNode> pathSchemas = new LinkedHashMap<>();
        for (JsonNode parameter : parameters.values()) {
            String name = parameter.path("name").asText();
            switch (parameter.path("in").asText()) {
                case "path" -> pathSchemas.put(name, parameter.path("schema"));
                case "query" -> {
                    if (parameter.path("required").asBoolean(false)) {
                        query.put(name, plausible(name, parameter.path("schema")));
                    }
                }
                default -> {
                    // Headers and cookies: none is required by our operations.
                }
            }
        }
        StringBuilder path = new StringBuilder();
        Matcher matcher = PARAMETER.matcher(template);
        while (matcher.find()) {
            String name = matcher.group(1).split(":")[0].trim();
            String value = name.equals(accountParameter) ? tenant
                    : pathValues.getOrDefault(name, plausible(name, pathSchemas.getOrDefault(name, JSON.nullNode())));
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        String concrete = path.toString();
        String mediaType = requestBody.path("content").fieldNames().hasNext()
                ? requestBody.path("content").fieldNames().next() : null;
        return token -> {
            RequestSpecification spec = request().urlEncodingEnabled(true);
            if (token != null) {
                spec = spec.auth().oauth2(token);
            }
            query.forEach(spec::queryParam);
            if (mediaType != null) {
                spec = withBody(spec, mediaType);
            }
            return spec.request(method.toUpperCase(Locale.ROOT), concrete);
        };
    }

    private static RequestSpecification withBody(RequestSpecification spec, String mediaType) {
        if (mediaType.startsWith("multipart/")) {
            return spec.multiPart("file", "file.mp3", new byte[] {(byte) 0xFF, (byte) 0xFB, 0x10, 0x00}, "audio/mpeg");
        }
        if (mediaType.contains("json")) {
            return spec.contentType(mediaType).body("{}");
        }
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            return spec.contentType(mediaType).formParam("value", "x");
        }
        if (mediaType.startsWith("text/")) {
            return spec.contentType(mediaType).body("x");
        }
        return spec.contentType(mediaType.equals("*/*") ? "application/octet-stream" : mediaType)
                .body(new byte[] {1, 2, 3});
    }

    /** A value a real caller could send for a parameter of this name and schema. */
    static String plausible(String name, JsonNode schema) {
        String lower = name.toLowerCase(Locale.ROOT);
        String format = schema.path("format").asText("");
        String type = schema.path("type").asText("");
        if (format.equals("uuid")) {
            return "3f0c1b2a-4d5e-4f60-8a7b-9c0d1e2f3a4b";
        }
        if (format.equals("date-time") || lower.equals("at")) {
            return "2026-03-09T15:30:00Z";
        }
        if (format.equals("date")) {
            return "2026-03-09";
        }
        if (lower.equals("month")) {
            return "2026-03";
        }
        if (type.equals("integer") || type.equals("number")) {
            return "1";
        }
        if (type.equals("boolean")) {
            return "true";
        }
        if (lower.contains("number") || lower.contains("phone") || lower.contains("e164") || lower.equals("to")
                || lower.equals("from")) {
            return "+15555550100";
        }
        if (lower.endsWith("sid")) {
            String prefix = switch (lower) {
                case "callsid" -> "CA";
                case "recordingsid" -> "RE";
                case "messagesid" -> "SM";
                case "accountsid" -> "AC";
                case "phonenumbersid" -> "PN";
                default -> "XX";
            };
            return prefix + "0123456789abcdef0123456789abcdef";
        }
        if (lower.equals("country")) {
            return "US";
        }
        if (lower.equals("areacode")) {
            return "415";
        }
        if (lower.equals("userid")) {
            return "ava";
        }
        if (lower.equals("tag")) {
            return "vip";
        }
        return "sample-1";
    }

    private static String normalize(String operation) {
        String[] parts = operation.trim().split("\\s+", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("an operation is \"METHOD /path/template\", not " + operation);
        }
        return parts[0].toUpperCase(Locale.ROOT) + " " + parts[1];
    }

    private static String abbreviate(String body) {
        String line = body.replaceAll("\\s+", " ").trim();
        return line.length() <= 160 ? line : line.substring(0, 160) + "…";
    }

    @FunctionalInterface
    private interface Call {
        Response send(String token);
    }
}
