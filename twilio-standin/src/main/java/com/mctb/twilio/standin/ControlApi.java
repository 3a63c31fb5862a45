package com.mctb.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 *   <li>{@code POST /stand-in/failures} {@code {"status":429,"count":10}} or {@code {"status":500,"rate":0.3}};
 *       {@code {"status":502,"rate":0.1,"afterCreate":true}}: that share of creates is taken (the message exists)
 *       and answered 502 all the same (rate 0 stops it)</li>
 *   <li>{@code POST /stand-in/stalls} {@code {"rate":0.05,"millis":8000,"accept":true}} (or {@code "count"} instead
 *       of {@code "rate"}): that share of creates is answered after {@code millis}, past a client's timeout, and
 *       taken if {@code accept}; {@code GET /stand-in/stalls} how many creates were stalled and how many answered
 *       5xx after they were taken</li>
 *   <li>{@code POST /stand-in/rate-limits} {@code {"sender":"+15557654321","perSecond":1}}: refuse (429) what a
 *       carrier-limited number would; {@code GET /stand-in/rate-limits} how many were refused</li>
 *   <li>{@code GET /stand-in/requests} every Twilio API request so far with its parameters and answer status</li>
 *   <li>{@code POST /stand-in/voicemails} {@code {"accountSid", "authToken", "callSid", "from", "to", "seconds",
 *       "transcription", "recordingStatusCallback", "transcribeCallback"}}: Twilio recorded a voicemail (what a
 *       {@code <Record>} asked); answers {@code {"recordingSid"}}</li>
 *   <li>{@code DELETE /stand-in/recordings/RE…}: Twilio no longer has that recording</li>
 *   <li>{@code POST /stand-in/dialed-calls} {@code {"accountSid", "parentCallSid", "from", "to", "seconds"}}: a
 *       {@code <Dial>} on that call was answered by {@code to}; answers {@code {"callSid"}}, the child call's SID (the
 *       {@code DialCallSid} of the dial's action callback), fetched from then on as Twilio's Call resource</li>
 *   <li>{@code POST /stand-in/accounts} {@code {"ownerSid":"AC…","friendlyName":"…"}}: a subaccount (ownerSid defaults
 *       to the platform's); answers it as Twilio's Account JSON, auth_token included; {@code GET /stand-in/accounts}
 *       lists every account</li>
 *   <li>{@code POST /stand-in/numbers} {@code {"accountSid":"AC…","phoneNumber":"+1…"}}: the number is already held
 *       by that account (for an import, or a number another business holds); {@code GET /stand-in/numbers} every
 *       held number as Twilio's IncomingPhoneNumber JSON</li>
 *   <li>{@code POST /stand-in/numbers/+1…} {@code {"VoiceUrl":"…"}}: someone edits the number in Twilio's console;
 *       {@code DELETE /stand-in/numbers/+1…} releases it</li>
 *   <li>{@code POST /stand-in/number-failures} {@code {"unreachable":true}} or
 *       {@code {"count":1,"status":400,"code":21422}}: the numbers resources reset connections, or the next
 *       purchases are refused</li>
 *   <li>{@code POST /stand-in/calls} {@code {"from":"+1…","to":"+1…"}} and {@code POST /stand-in/texts}
 *       {@code {"from","to","body"}}: someone calls or texts a held number; Twilio's webhook is posted to its VoiceUrl
 *       or SmsUrl signed with the holding account's token; answers {@code {"url","status","body"}}</li>
 * </ul>
 */
final class ControlApi extends StandInResource {

    static final String NAME = "twilio-stand-in-control";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TwilioApiStandIn standIn;
    private final MessagesApi messages;
    private final RecordingsApi recordings;

    ControlApi(TwilioApiStandIn standIn, MessagesApi messages, RecordingsApi recordings) {
        super(NAME);
        this.standIn = standIn;
        this.messages = messages;
        this.recordings = recordings;
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
            if (path.equals("/stand-in/dialed-calls") && method.equals(RequestMethod.POST)) {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                String account = body.path("accountSid").asText(null);
                String parent = body.path("parentCallSid").asText(null);
                String to = body.path("to").asText(null);
                if (account == null || parent == null || to == null) {
                    return MessagesApi.json(400, Map.of("error", "accountSid, parentCallSid and to are required"));
                }
                return MessagesApi.json(200, Map.of("callSid", standIn.answerDial(account, parent,
                        body.path("from").asText(null), to, body.path("seconds").asInt(5))));
            }
            if (path.startsWith("/stand-in/recordings/") && method.equals(RequestMethod.DELETE)) {
                boolean deleted = recordings.delete(path.substring("/stand-in/recordings/".length()));
                return MessagesApi.json(deleted ? 200 : 404, Map.of("deleted", deleted));
            }
            if (path.equals("/stand-in/accounts") && method.equals(RequestMethod.POST)) {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                String owner = body.path("ownerSid").asText(standIn.platformAccountSid());
                if (owner == null) {
                    return MessagesApi.json(400, Map.of("error", "ownerSid is required (the stand-in has no platform account)"));
                }
                return MessagesApi.json(201, NumbersApi.account(standIn.createSubaccount(owner,
                        body.path("friendlyName").asText(null))));
            }
            if (path.equals("/stand-in/accounts") && method.equals(RequestMethod.GET)) {
                return MessagesApi.json(200, standIn.accounts().stream().map(NumbersApi::account).toList());
            }
            if (path.equals("/stand-in/numbers") && method.equals(RequestMethod.POST)) {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                String account = body.path("accountSid").asText(null);
                String number = body.path("phoneNumber").asText(null);
                if (account == null || number == null || !number.matches("\\+[1-9]\\d{7,14}")) {
                    return MessagesApi.json(400, Map.of("error", "accountSid and phoneNumber (E.164) are required"));
                }
                return MessagesApi.json(201, NumbersApi.incoming(standIn.seedNumber(account, number)));
            }
            if (path.equals("/stand-in/numbers") && method.equals(RequestMethod.GET)) {
                return MessagesApi.json(200, standIn.numbers().stream().map(NumbersApi::incoming).toList());
            }
            if (path.startsWith("/stand-in/numbers/")) {
                String number = java.net.URLDecoder.decode(path.substring("/stand-in/numbers/".length()),
                        java.nio.charset.StandardCharsets.UTF_8);
                if (method.equals(RequestMethod.DELETE)) {
                    boolean released = standIn.releaseNumber(number);
                    return MessagesApi.json(released ? 200 : 404, Map.of("released", released));
                }
                if (method.equals(RequestMethod.POST)) {
                    Map<String, String> edits = new java.util.LinkedHashMap<>();
                    JSON.readTree(request.getBodyAsString()).fields()
                            .forEachRemaining(f -> edits.put(f.getKey(), f.getValue().asText()));
                    return standIn.number(number).isEmpty() ? MessagesApi.json(404, Map.of("error", "no account holds " + number))
                            : MessagesApi.json(200, NumbersApi.incoming(standIn.editNumber(number, edits)));
                }
            }
            if (path.equals("/stand-in/number-failures") && method.equals(RequestMethod.POST)) {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                if (body.has("unreachable")) {
                    standIn.numbersUnreachable(body.get("unreachable").asBoolean());
                } else {
                    standIn.refuseNextPurchases(body.path("count").asInt(1), body.path("status").asInt(400),
                            body.path("code").asInt(21422));
                }
                return MessagesApi.json(200, Map.of("ok", true));
            }
            if ((path.equals("/stand-in/calls") || path.equals("/stand-in/texts")) && method.equals(RequestMethod.POST)) {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                String from = body.path("from").asText(null);
                String to = body.path("to").asText(null);
                if (from == null || to == null) {
                    return MessagesApi.json(400, Map.of("error", "from and to are required"));
                }
                WebhookAnswer answer = path.endsWith("calls") ? standIn.ring(from, to)
                        : standIn.text(from, to, body.path("body").asText(""));
                return MessagesApi.json(200, answer);
            }
            if (path.equals("/stand-in/stalls") && method.equals(RequestMethod.POST)) {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                java.time.Duration delay = java.time.Duration.ofMillis(body.path("millis").asLong(20_000));
                boolean accept = body.path("accept").asBoolean(true);
                if (body.has("count")) {
                    messages.stallNext(body.get("count").asInt(), delay, accept);
                } else {
                    double rate = body.path("rate").asDouble(-1);
                    if (rate < 0 || rate > 1) {
                        return MessagesApi.json(400, Map.of("error", "a rate from 0 to 1, or a count, is required"));
                    }
                    messages.stallRandomly(rate, delay, accept);
                }
                return MessagesApi.json(200, Map.of("millis", delay.toMillis(), "accept", accept));
            }
            if (path.equals("/stand-in/stalls") && method.equals(RequestMethod.GET)) {
                return MessagesApi.json(200, messages.ambiguousAnswers());
            }
            if (path.equals("/stand-in/failures") && method.equals(RequestMethod.POST)) {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                int status = body.path("status").asInt(500);
                if (body.path("afterCreate").asBoolean(false)) {
                    if (status < 500 || !body.has("rate")) {
                        return MessagesApi.json(400, Map.of("error", "afterCreate takes a 5xx status and a rate"));
                    }
                    messages.failAfterCreateRandomly(body.get("rate").asDouble(), status);
                } else if (body.has("rate")) {
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
