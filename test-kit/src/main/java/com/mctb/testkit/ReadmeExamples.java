package com.mctb.testkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests a service's README shows, read from its fenced code blocks, so a test can send each one to the running
 * service and an example cannot drift from the API. Read as requests:
 * <ul>
 *   <li>a line {@code POST /api/...} (any method) with its JSON body after it on the line, or on the lines that
 *       follow (until the JSON is whole); text after the JSON (a comment) is allowed; a line starting with {@code →}
 *       is a response, never a body;</li>
 *   <li>a {@code curl} command ({@code \}-continued lines joined): {@code -X} method (POST when it has {@code -d}),
 *       the URL's path and query, {@code -d '…'} body;</li>
 *   <li>a {@code ```json} block preceded by {@code <!-- send: POST /api/... -->}: the block is that request's body.</li>
 * </ul>
 * A body that is not JSON (a shape such as {@code "immediate" | "wait-20-minutes"}) is kept with {@code json} null,
 * so a test can insist that there are none.
 */
public final class ReadmeExamples {

    private static final ObjectMapper JSON = new ObjectMapper().configure(JsonParser.Feature.AUTO_CLOSE_SOURCE, true);
    private static final Pattern REQUEST_LINE = Pattern.compile("^(GET|POST|PUT|DELETE|PATCH)\\s+(/\\S*)\\s*(.*)$");
    private static final Pattern SEND_MARK = Pattern.compile("<!--\\s*send:\\s*(GET|POST|PUT|DELETE|PATCH)\\s+(/\\S*)\\s*-->");
    private static final Pattern CURL_URL = Pattern.compile("(?:https?://)?(?:localhost|127\\.0\\.0\\.1):\\d+(/[^\\s'\"]*)");
    private static final Pattern CURL_DATA = Pattern.compile("(?:-d|--data|--data-raw)\\s+'([^']*)'");
    private static final Pattern CURL_METHOD = Pattern.compile("-X\\s+([A-Z]+)");
    private static final Pattern CURL_HEADER = Pattern.compile("-H\\s+'([A-Za-z-]+):\\s*([^']*)'");

    private ReadmeExamples() {
    }

    /**
     * One request the README shows.
     *
     * @param line the README line it starts on (1-based), for a failure message
     * @param body the body as written, or null
     * @param json the body read as JSON; null when there is no body or it is not JSON
     */
    public record Request(int line, String method, String path, String body, JsonNode json,
            java.util.Map<String, String> headers) {

        public Request(int line, String method, String path, String body, JsonNode json) {
            this(line, method, path, body, json, java.util.Map.of());
        }

        /** The request with {@code placeholder} (such as {@code <contactId>}) in its path replaced. */
        public Request with(String placeholder, String value) {
            return new Request(line, method, path.replace(placeholder, value), body, json, headers);
        }

        @Override
        public String toString() {
            return "README line " + line + ": " + method + " " + path + (body == null ? "" : " " + body);
        }
    }

    /** The README of the module the test runs in. */
    public static List<Request> ofModule() {
        return read(Path.of("README.md"));
    }

    public static List<Request> read(Path readme) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme.toAbsolutePath(), e);
        }
        List<Request> requests = new ArrayList<>();
        boolean inBlock = false;
        String pendingMark = null;
        int markLine = 0;
        StringBuilder markedBody = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.startsWith("```")) {
                if (!inBlock) {
                    inBlock = true;
                    if (pendingMark != null && trimmed.startsWith("```json")) {
                        markedBody = new StringBuilder();
                    } else {
                        pendingMark = null;
                    }
                } else {
                    inBlock = false;
                    if (markedBody != null) {
                        Matcher m = SEND_MARK.matcher(pendingMark);
                        m.find();
                        String body = markedBody.toString().strip();
                        requests.add(new Request(markLine, m.group(1), m.group(2), body, parse(body).orElse(null)));
                        markedBody = null;
                    }
                    pendingMark = null;
                }
                continue;
            }
            if (!inBlock) {
                if (SEND_MARK.matcher(trimmed).find()) {
                    pendingMark = trimmed;
                    markLine = i + 1;
                } else if (!trimmed.isEmpty() && pendingMark != null && !trimmed.startsWith("<!--")) {
                    pendingMark = null;
                }
                continue;
            }
            if (markedBody != null) {
                markedBody.append(line).append('\n');
                continue;
            }
            String text = trimmed.startsWith("$ ") ? trimmed.substring(2) : trimmed;
            if (text.startsWith("curl ")) {
                StringBuilder command = new StringBuilder(text);
                int start = i;
                while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                    command.setLength(command.length() - 1);
                    command.append(' ').append(lines.get(++i).strip());
                }
                curl(command.toString(), start + 1).ifPresent(requests::add);
                continue;
            }
            Matcher request = REQUEST_LINE.matcher(text);
            if (request.matches()) {
                String rest = request.group(3).strip();
                int start = i;
                StringBuilder body = new StringBuilder(rest);
                if (rest.isEmpty() && i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("{")) {
                    body.append(lines.get(++i).strip());
                }
                if (body.toString().startsWith("{")) {
                    while (parse(body.toString()).isEmpty() && i + 1 < lines.size()
                            && !lines.get(i + 1).strip().startsWith("```") && !lines.get(i + 1).strip().startsWith("→")
                            && !REQUEST_LINE.matcher(lines.get(i + 1).strip()).matches()) {
                        body.append('\n').append(lines.get(++i));
                    }
                    String written = body.toString().strip();
                    requests.add(new Request(start + 1, request.group(1), request.group(2), written,
                            parse(written).orElse(null)));
                } else {
                    requests.add(new Request(start + 1, request.group(1), request.group(2), null, null));
                }
            }
        }
        return requests;
    }

    private static Optional<Request> curl(String command, int line) {
        Matcher url = CURL_URL.matcher(command);
        if (!url.find()) {
            return Optional.empty();
        }
        Matcher data = CURL_DATA.matcher(command);
        String body = data.find() ? data.group(1) : null;
        Matcher method = CURL_METHOD.matcher(command);
        String verb = method.find() ? method.group(1) : body != null ? "POST" : "GET";
        // Headers a request needs besides its credential and body type (an Idempotency-Key, say).
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        Matcher header = CURL_HEADER.matcher(command);
        while (header.find()) {
            String name = header.group(1);
            if (!name.equalsIgnoreCase("Authorization") && !name.equalsIgnoreCase("Content-Type")) {
                headers.put(name, header.group(2));
            }
        }
        return Optional.of(new Request(line, verb, url.group(1), body, body == null ? null : parse(body).orElse(null),
                headers));
    }

    /** The first JSON value of the text (anything after it, such as a comment, is ignored), if it starts with one. */
    private static Optional<JsonNode> parse(String text) {
        if (text == null || !text.strip().startsWith("{")) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            JsonNode node = JSON.readTree(parser);
            return Optional.ofNullable(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
