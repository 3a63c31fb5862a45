package com.mctb.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Twilio's own OpenAPI description of its 2010-04-01 API ({@code ../shared/twilio/twilio_api_v2010.json}), as a
 * checker of the traffic the stand-in saw: for each {@link ApiRequest}, the operation exists, the path parameters
 * match their patterns, only parameters the operation defines are sent (the required ones present, values of the
 * declared type, format and enum), the status is one the operation declares, and the JSON answered (when kept) has
 * only the properties of the response schema, with values of their declared type, enum, pattern and date format.
 * One checker for the stand-in's own tests and the services' (what they send).
 */
public final class TwilioApiDescription {

    private static final Pattern PHONE = Pattern.compile("^(whatsapp:)?\\+[1-9]\\d{1,14}$|^\\d{3,8}$");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.US);

    private final JsonNode spec;
    private final List<Template> templates = new ArrayList<>();

    private record Template(String path, Pattern regex, List<String> names, int literals) {
    }

    private TwilioApiDescription(JsonNode spec) {
        this.spec = spec;
        spec.path("paths").fieldNames().forEachRemaining(path -> {
            List<String> names = new ArrayList<>();
            StringBuilder regex = new StringBuilder("^");
            java.util.regex.Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(path.substring(last, m.start()))).append("([^/]+?)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(path.substring(last))).append('$');
            templates.add(new Template(path, Pattern.compile(regex.toString()), names,
                    path.replaceAll("\\{[^}]+}", "").length()));
        });
    }

    /** Reads the description from the checkout's neighbour {@code shared/twilio/} (looked for upwards). */
    public static TwilioApiDescription load() {
        for (String candidate : List.of("../shared/twilio/twilio_api_v2010.json", "../../shared/twilio/twilio_api_v2010.json",
                "../../../shared/twilio/twilio_api_v2010.json")) {
            Path file = Path.of(candidate);
            if (Files.exists(file)) {
                return load(file);
            }
        }
        throw new IllegalStateException("Twilio's OpenAPI description (shared/twilio/twilio_api_v2010.json) is not beside"
                + " the repository");
    }

    public static TwilioApiDescription load(Path file) {
        try {
            return new TwilioApiDescription(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The description's path template a request path is one of (the most literal when several match), or null. */
    public String template(String path) {
        Template best = null;
        for (Template t : templates) {
            if (t.regex().matcher(path).matches() && (best == null || t.literals() > best.literals())) {
                best = t;
            }
        }
        return best == null ? null : best.path();
    }

    /** What Twilio's description says is wrong with the request and the answer; empty when nothing. */
    public List<String> check(ApiRequest request) {
        List<String> violations = new ArrayList<>();
        String where = request.method() + " " + request.path() + " " + request.params().keySet();
        Template template = templates.stream().filter(t -> t.path().equals(template(request.path()))).findFirst()
                .orElse(null);
        if (template == null) {
            violations.add(where + ": no such path in Twilio's description");
            return violations;
        }
        JsonNode operation = spec.path("paths").path(template.path()).path(request.method().toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            violations.add(where + ": no " + request.method() + " operation on " + template.path());
            return violations;
        }
        java.util.regex.Matcher values = template.regex().matcher(request.path());
        values.matches();
        Map<String, String> pathValues = new HashMap<>();
        for (int i = 0; i < template.names().size(); i++) {
            pathValues.put(template.names().get(i), values.group(i + 1));
        }
        Map<String, JsonNode> defined = new HashMap<>();
        List<String> required = new ArrayList<>();
        for (JsonNode p : operation.path("parameters")) {
            String name = p.path("name").asText();
            if (p.path("in").asText().equals("path") && pathValues.containsKey(name)) {
                checkValue(name, pathValues.get(name), p.path("schema"), where, violations);
            } else if (p.path("in").asText().equals("query") && !request.method().equals("POST")) {
                defined.put(name, p.path("schema"));
                if (p.path("required").asBoolean()) {
                    required.add(name);
                }
            }
        }
        if (request.method().equals("POST")) {
            JsonNode schema = operation.path("requestBody").path("content").path("application/x-www-form-urlencoded")
                    .path("schema");
            schema.path("properties").fields().forEachRemaining(f -> defined.put(f.getKey(), f.getValue()));
            schema.path("required").forEach(r -> required.add(r.asText()));
        }
        required.stream().filter(r -> !request.params().containsKey(r))
                .forEach(r -> violations.add(where + ": '" + r + "' is required"));
        request.params().forEach((name, vs) -> {
            JsonNode schema = defined.get(name);
            if (schema == null) {
                violations.add(where + ": '" + name + "' is not a parameter of this operation");
                return;
            }
            boolean array = schema.path("type").asText().equals("array");
            if (!array && vs.size() > 1) {
                violations.add(where + ": '" + name + "' given " + vs.size() + " times");
            }
            for (String value : vs) {
                checkValue(name, value, array ? schema.path("items") : schema, where, violations);
            }
        });
        if (request.status() >= 200 && request.status() < 300) {
            JsonNode response = operation.path("responses").path(Integer.toString(request.status()));
            if (response.isMissingNode()) {
                violations.add(where + ": answered " + request.status() + ", which the operation does not declare");
            } else if (request.responseBody() != null && !request.responseBody().isEmpty()) {
                JsonNode schema = response.path("content").path("application/json").path("schema");
                try {
                    checkJson("", new ObjectMapper().readTree(request.responseBody()), schema, where, violations);
                } catch (IOException e) {
                    violations.add(where + ": the answer is not JSON (" + e.getMessage() + ")");
                }
            }
        }
        return violations;
    }

    /** Every violation in the traffic, each prefixed with its request. */
    public List<String> check(List<ApiRequest> requests) {
        List<String> violations = new ArrayList<>();
        requests.forEach(r -> violations.addAll(check(r)));
        return violations;
    }

    private void checkJson(String at, JsonNode value, JsonNode schema, String where, List<String> violations) {
        JsonNode s = resolve(schema);
        if (value.isNull()) {
            if (!s.path("nullable").asBoolean(false) && s.has("type")) {
                violations.add(where + ": answer " + at + " is null, which the description does not allow");
            }
            return;
        }
        String type = s.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    violations.add(where + ": answer " + at + " is not an object");
                    return;
                }
                JsonNode properties = s.path("properties");
                boolean open = properties.isMissingNode() || properties.isEmpty();
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    String path = at.isEmpty() ? f.getKey() : at + "." + f.getKey();
                    if (open) {
                        if (s.path("format").asText().equals("uri-map") && !f.getValue().isTextual()) {
                            violations.add(where + ": answer " + path + " is not a URI");
                        }
                        continue;
                    }
                    JsonNode property = properties.path(f.getKey());
                    if (property.isMissingNode()) {
                        violations.add(where + ": answer has " + path + ", which the description does not define");
                    } else {
                        checkJson(path, f.getValue(), property, where, violations);
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    violations.add(where + ": answer " + at + " is not an array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    checkJson(at + "[" + i + "]", value.get(i), s.path("items"), where, violations);
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    violations.add(where + ": answer " + at + "=" + value + " is not an integer");
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    violations.add(where + ": answer " + at + "=" + value + " is not a number");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    violations.add(where + ": answer " + at + "=" + value + " is not a boolean");
                }
            }
            default -> {
                if (!value.isTextual()) {
                    violations.add(where + ": answer " + at + "=" + value + " is not a string");
                    return;
                }
                String text = value.asText();
                String problem = stringProblem(text, s, false);
                if (problem != null) {
                    violations.add(where + ": answer " + at + "='" + text + "' " + problem);
                }
            }
        }
    }

    private void checkValue(String name, String value, JsonNode schema, String where, List<String> violations) {
        JsonNode s = resolve(schema);
        String type = s.path("type").asText("string");
        String problem = null;
        if (s.has("enum")) {
            problem = stringProblem(value, s, true);
        } else if (type.equals("integer") && !value.matches("-?\\d+")) {
            problem = "not an integer";
        } else if (type.equals("number") && !value.matches("-?\\d+(\\.\\d+)?")) {
            problem = "not a number";
        } else if (type.equals("boolean") && !value.equals("true") && !value.equals("false")) {
            problem = "not a boolean";
        } else if (s.path("format").asText().equals("phone-number") && !PHONE.matcher(value).matches()) {
            problem = "not a phone number (E.164, whatsapp:E.164 or a short code)";
        } else {
            problem = stringProblem(value, s, true);
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

    /** Enum, pattern, length and the formats that matter (an absolute URL sent; Twilio's date answered). */
    private static String stringProblem(String value, JsonNode s, boolean sent) {
        if (s.has("enum")) {
            List<String> allowed = new ArrayList<>();
            s.path("enum").forEach(e -> allowed.add(e.asText()));
            return allowed.contains(value) ? null : "not one of " + allowed;
        }
        String format = s.path("format").asText();
        if (format.equals("uri") && !(sent ? isAbsoluteUrl(value) : isAbsoluteUrl(value) || value.startsWith("/"))) {
            return sent ? "not an absolute http(s) URL" : "not a URL nor a path";
        }
        if (format.equals("date-time-rfc-2822")) {
            try {
                ZonedDateTime.parse(value, RFC_2822);
            } catch (DateTimeParseException e) {
                return "not an RFC 2822 date";
            }
        }
        if (s.has("pattern") && !Pattern.compile(s.path("pattern").asText()).matcher(value).find()) {
            return "does not match " + s.path("pattern").asText();
        }
        if (s.has("maxLength") && value.length() > s.path("maxLength").asInt()) {
            return "longer than " + s.path("maxLength").asInt();
        }
        if (s.has("minLength") && value.length() < s.path("minLength").asInt()) {
            return "shorter than " + s.path("minLength").asInt();
        }
        return null;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        while (s.has("$ref")) {
            JsonNode target = spec;
            for (String part : s.path("$ref").asText().substring(2).split("/")) {
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
