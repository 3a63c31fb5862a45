package com.mctb.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mctb.contracts.event.MessageAccepted;
import com.mctb.messaging.support.Texts;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.ApiRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every request our Twilio SDK sent to the stand-in's Messages resource during this test run, checked against
 * Twilio's own OpenAPI description (../shared/twilio/twilio_api_v2010.json): only parameters the operation defines,
 * the required ones present, values of the declared type, format and enum. Runs after the other test classes, so it
 * sees their traffic too (plus its own: an SMS, a WhatsApp fallback and a read after an unanswered request).
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
@Order(Integer.MAX_VALUE)
class TwilioOpenApiConformanceTest {

    private static final String MESSAGES = "/2010-04-01/Accounts/{AccountSid}/Messages.json";
    private static final Pattern PHONE = Pattern.compile("^(whatsapp:)?\\+[1-9]\\d{1,14}$|^\\d{3,8}$");
    private static JsonNode spec;

    @BeforeAll
    static void loadSpec() throws IOException {
        Path file = Path.of("../../shared/twilio/twilio_api_v2010.json");
        if (!Files.exists(file)) {
            file = Path.of("../shared/twilio/twilio_api_v2010.json");
        }
        assertThat(file).as("Twilio's OpenAPI description beside the repository").exists();
        spec = new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void everyMessagesRequestUsesOnlyWhatTwiliosDescriptionDefines() {
        TwilioStandInResource.standIn().reset();
        Texts.send(Texts.sms("cmd-oas-1", "acct-oas", "+15557890001", "Hello from the conformance test"));
        Texts.send(Texts.whatsapp("cmd-oas-2", "acct-oas", "+15557890002", "WhatsApp, or SMS", true));
        TwilioStandInResource.standIn().stallNext(1, Duration.ofMillis(1_500), true);
        Texts.send(Texts.sms("cmd-oas-3", "acct-oas", "+15557890003", "answer lost, then read"));
        for (String id : List.of("cmd-oas-1", "cmd-oas-2", "cmd-oas-3")) {
            Texts.event(MessageAccepted.class, id);
        }

        List<ApiRequest> requests = TwilioStandInResource.standIn().apiRequests().stream()
                .filter(r -> r.path().matches("/2010-04-01/Accounts/[^/]+/Messages\\.json")).toList();
        assertThat(requests).extracting(ApiRequest::method).contains("POST", "GET");

        List<String> violations = new ArrayList<>();
        for (ApiRequest request : requests) {
            violations.addAll(check(request));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckFindsWhatTwilioWouldRefuse() {
        ApiRequest bad = new ApiRequest("POST", "/2010-04-01/Accounts/ACnotasid/Messages.json", Map.of(
                "From", List.of("+15557654321"), "Body", List.of("x"), "Colour", List.of("blue"),
                "ContentRetention", List.of("forever"), "StatusCallback", List.of("not a url"),
                "ValidityPeriod", List.of("soon")), 201);

        assertThat(check(bad)).anyMatch(v -> v.contains("AccountSid"))
                .anyMatch(v -> v.contains("'To' is required"))
                .anyMatch(v -> v.contains("'Colour' is not a parameter"))
                .anyMatch(v -> v.contains("ContentRetention"))
                .anyMatch(v -> v.contains("StatusCallback"))
                .anyMatch(v -> v.contains("ValidityPeriod"));
    }

    private static List<String> check(ApiRequest request) {
        List<String> violations = new ArrayList<>();
        JsonNode operation = spec.path("paths").path(MESSAGES).path(request.method().toLowerCase());
        String where = request.method() + " " + request.path() + " " + request.params().keySet();
        if (operation.isMissingNode()) {
            violations.add(where + ": no such operation");
            return violations;
        }
        String accountSid = request.path().split("/")[3];
        for (JsonNode p : operation.path("parameters")) {
            if (p.path("in").asText().equals("path") && p.path("name").asText().equals("AccountSid")) {
                checkValue("AccountSid", accountSid, p.path("schema"), where, violations);
            }
        }
        Map<String, JsonNode> defined = new HashMap<>();
        List<String> required = new ArrayList<>();
        if (request.method().equals("POST")) {
            JsonNode schema = operation.path("requestBody").path("content").path("application/x-www-form-urlencoded")
                    .path("schema");
            schema.path("properties").fields().forEachRemaining(f -> defined.put(f.getKey(), f.getValue()));
            schema.path("required").forEach(r -> required.add(r.asText()));
        } else {
            for (JsonNode p : operation.path("parameters")) {
                if (p.path("in").asText().equals("query")) {
                    defined.put(p.path("name").asText(), p.path("schema"));
                    if (p.path("required").asBoolean()) {
                        required.add(p.path("name").asText());
                    }
                }
            }
        }
        required.stream().filter(r -> !request.params().containsKey(r))
                .forEach(r -> violations.add(where + ": '" + r + "' is required"));
        request.params().forEach((name, values) -> {
            JsonNode schema = defined.get(name);
            if (schema == null) {
                violations.add(where + ": '" + name + "' is not a parameter of this operation");
                return;
            }
            boolean array = schema.path("type").asText().equals("array");
            if (!array && values.size() > 1) {
                violations.add(where + ": '" + name + "' given " + values.size() + " times");
            }
            for (String value : values) {
                checkValue(name, value, array ? schema.path("items") : schema, where, violations);
            }
        });
        return violations;
    }

    private static void checkValue(String name, String value, JsonNode schema, String where, List<String> violations) {
        JsonNode s = resolve(schema);
        String type = s.path("type").asText("string");
        String problem = null;
        if (s.has("enum")) {
            List<String> allowed = new ArrayList<>();
            s.path("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(value)) {
                problem = "not one of " + allowed;
            }
        } else if (type.equals("integer") && !value.matches("-?\\d+")) {
            problem = "not an integer";
        } else if (type.equals("number") && !value.matches("-?\\d+(\\.\\d+)?")) {
            problem = "not a number";
        } else if (type.equals("boolean") && !value.equals("true") && !value.equals("false")) {
            problem = "not a boolean";
        } else if (s.path("format").asText().equals("phone-number") && !PHONE.matcher(value).matches()) {
            problem = "not a phone number (E.164, whatsapp:E.164 or a short code)";
        } else if (s.path("format").asText().equals("uri") && !isAbsoluteUrl(value)) {
            problem = "not an absolute http(s) URL";
        } else if (s.has("pattern") && !Pattern.compile(s.path("pattern").asText()).matcher(value).find()) {
            problem = "does not match " + s.path("pattern").asText();
        }
        if (problem == null && s.has("maxLength") && value.length() > s.path("maxLength").asInt()) {
            problem = "longer than " + s.path("maxLength").asInt();
        }
        if (problem == null && s.has("minimum") && value.matches("-?\\d+") && Long.parseLong(value) < s.path("minimum").asLong()) {
            problem = "below " + s.path("minimum").asLong();
        }
        if (problem == null && s.has("maximum") && value.matches("-?\\d+") && Long.parseLong(value) > s.path("maximum").asLong()) {
            problem = "above " + s.path("maximum").asLong();
        }
        if (problem != null) {
            violations.add(where + ": " + name + "='" + value + "' " + problem);
        }
    }

    private static JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        while (s.has("$ref")) {
            String[] path = s.path("$ref").asText().substring(2).split("/");
            JsonNode target = spec;
            for (String part : path) {
                target = target.path(part);
            }
            s = target;
        }
        return s;
    }

    private static boolean isAbsoluteUrl(String value) {
        try {
            URI uri = URI.create(value);
            return uri.isAbsolute() && (uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
