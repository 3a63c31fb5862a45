package com.mctb.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;

/**
 * The stand-in's own HTTP control, for the demo, the end-to-end test and the load generator when the stand-in runs
 * as a separate process:
 * <ul>
 *   <li>{@code GET /stand-in/messages} every accepted Messages API request, oldest first</li>
 *   <li>{@code DELETE /stand-in/messages} forget them and any injected failures</li>
 *   <li>{@code POST /stand-in/failures} {@code {"status":429,"count":10}} or {@code {"status":500,"rate":0.3}}</li>
 *   <li>{@code POST /stand-in/rate-limits} {@code {"sender":"+15557654321","perSecond":1}}: refuse (429) what a
 *       carrier-limited number would; {@code GET /stand-in/rate-limits} how many were refused</li>
 *   <li>{@code GET /stand-in/requests} every Twilio API request so far with its parameters and answer status</li>
 *   <li>{@code POST /stand-in/voicemails} {@code {"accountSid", "authToken", "callSid", "from", "to", "seconds",
 *       "transcription", "recordingStatusCallback", "transcribeCallback"}}: Twilio recorded a voicemail (what a
 *       {@code <Record>} asked); answers {@code {"recordingSid"}}</li>
 *   <li>{@code DELETE /stand-in/recordings/RE…}: Twilio no longer has that recording</li>
 * </ul>
 */
final class ControlApi implements ResponseDefinitionTransformerV2 {

    static final String NAME = "twilio-stand-in-control";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessagesApi messages;
    private final RecordingsApi recordings;

    ControlApi(MessagesApi messages, RecordingsApi recordings) {
        this.messages = messages;
        this.recordings = recordings;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = request.getUrl().split("\\?")[0];
        RequestMethod method = request.getMethod();
        try {
            if (path.equals("/stand-in/messages") && method.equals(RequestMethod.GET)) {
                return MessagesApi.json(200, messages.sent());
            }
            if (path.equals("/stand-in/messages") && method.equals(RequestMethod.DELETE)) {
                messages.clear();
                return MessagesApi.json(200, Map.of("cleared", true));
            }
            if (path.equals("/stand-in/requests") && method.equals(RequestMethod.GET)) {
                return MessagesApi.json(200, messages.journal());
            }
            if (path.equals("/stand-in/rate-limits") && method.equals(RequestMethod.POST)) {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                String sender = body.path("sender").asText(null);
                int perSecond = body.path("perSecond").asInt(0);
                if (sender == null || perSecond <= 0) {
                    return MessagesApi.json(400, Map.of("error", "sender and a positive perSecond are required"));
                }
                messages.limitRate(sender, perSecond);
                return MessagesApi.json(200, Map.of("sender", sender, "perSecond", perSecond));
            }
            if (path.equals("/stand-in/rate-limits") && method.equals(RequestMethod.GET)) {
                return MessagesApi.json(200, Map.of("refused", messages.rateRefusals()));
            }
            if (path.equals("/stand-in/voicemails") && method.equals(RequestMethod.POST)) {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                String sid = recordings.record(new RecordingsApi.Voicemail(body.path("accountSid").asText(),
                        body.path("authToken").asText(), body.path("callSid").asText(), body.path("from").asText(),
                        body.path("to").asText(), body.path("seconds").asInt(5), body.path("transcription").asText(null),
                        body.path("recordingStatusCallback").asText(null), body.path("transcribeCallback").asText(null)));
                return MessagesApi.json(200, Map.of("recordingSid", sid));
            }
            if (path.startsWith("/stand-in/recordings/") && method.equals(RequestMethod.DELETE)) {
                boolean deleted = recordings.delete(path.substring("/stand-in/recordings/".length()));
                return MessagesApi.json(deleted ? 200 : 404, Map.of("deleted", deleted));
            }
            if (path.equals("/stand-in/failures") && method.equals(RequestMethod.POST)) {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                int status = body.path("status").asInt(500);
                if (body.has("rate")) {
                    messages.failRandomly(body.get("rate").asDouble(), status);
                } else {
                    messages.failNext(body.path("count").asInt(1), status);
                }
                return MessagesApi.json(200, Map.of("status", status));
            }
        } catch (Exception e) {
            return MessagesApi.json(400, Map.of("error", String.valueOf(e.getMessage())));
        }
        return MessagesApi.json(404, Map.of("error", "no such control endpoint: " + method + " " + path));
    }
}
