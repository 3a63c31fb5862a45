package com.mctb.twilio.standin;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's Call resource, as far as our services read it: the child calls a {@code <Dial>} placed. When a dial is
 * answered, Twilio posts the dialed call's SID to the {@code <Dial action>} as {@code DialCallSid}; the call itself
 * ({@code GET /2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json}) says who it rang ({@code to}) and whose leg it was
 * ({@code parent_call_sid}). A test tells the stand-in which dials were answered ({@link #answered}); a call it was
 * never told about answers 404 with Twilio's error body, as at Twilio. Every path authenticates as {@link Accounts}
 * says, and the JSON answered is kept in the journal, for {@link TwilioApiDescription} to check.
 */
final class CallsApi extends StandInResource {

    static final String NAME = "twilio-calls-api";
    private static final Pattern ONE_CALL = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Calls/([^/]+)\\.json$");

    /** A call a {@code <Dial>} placed and someone answered (an {@code outbound-dial} leg, completed). */
    record DialedCall(String sid, String accountSid, String parentCallSid, String from, String to, int seconds,
            Instant startedAt) {
    }

    private final Accounts accounts;
    private final MessagesApi journal;
    private final Map<String, DialedCall> calls = new ConcurrentHashMap<>();

    CallsApi(Accounts accounts, MessagesApi journal) {
        super(NAME);
        this.accounts = accounts;
        this.journal = journal;
    }

    /**
     * A {@code <Dial>} on the call {@code parentCallSid} (to one of {@code accountSid}'s numbers, from {@code from}, the
     * number the dial showed) was answered by {@code to}, and they talked for {@code seconds}: the child call exists
     * from now on. Returns its CallSid, the {@code DialCallSid} of the dial's action callback.
     */
    String answered(String accountSid, String parentCallSid, String from, String to, int seconds) {
        String sid = Accounts.newSid("CA");
        calls.put(sid, new DialedCall(sid, accountSid, parentCallSid, from, to, seconds,
                Instant.now().minusSeconds(seconds)));
        return sid;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = request.getUrl().split("\\?", 2)[0];
        ResponseDefinition answer = answer(request, path);
        journal.record(new ApiRequest(request.getMethod().getName(), path, Map.of(), answer.getStatus(),
                answer.getBody()));
        return answer;
    }

    private ResponseDefinition answer(Request request, String path) {
        Matcher m = ONE_CALL.matcher(path);
        if (!m.matches() || !request.getMethod().getName().equals("GET")) {
            return MessagesApi.error(404, 20404, "The requested resource " + path + " was not found");
        }
        String accountSid = m.group(1);
        if (accounts.caller(request.getHeader("Authorization"), accountSid).isEmpty()) {
            return MessagesApi.error(401, 20003, "Authenticate");
        }
        DialedCall call = calls.get(m.group(2));
        if (call == null || !call.accountSid().equals(accountSid)) {
            return MessagesApi.error(404, 20404, "The requested resource " + path + " was not found");
        }
        return MessagesApi.json(200, json(call, path));
    }

    /** The Call resource as Twilio answers it (the properties of {@code api.v2010.account.call}). */
    private static Map<String, Object> json(DialedCall call, String path) {
        Instant ended = call.startedAt().plus(Duration.ofSeconds(call.seconds()));
        String base = "/2010-04-01/Accounts/" + call.accountSid() + "/Calls/" + call.sid();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sid", call.sid());
        body.put("date_created", MessagesApi.RFC_2822.format(call.startedAt()));
        body.put("date_updated", MessagesApi.RFC_2822.format(ended));
        body.put("parent_call_sid", call.parentCallSid());
        body.put("account_sid", call.accountSid());
        body.put("to", call.to());
        body.put("to_formatted", call.to());
        body.put("from", call.from());
        body.put("from_formatted", call.from());
        body.put("phone_number_sid", null);
        body.put("status", "completed");
        body.put("start_time", MessagesApi.RFC_2822.format(call.startedAt()));
        body.put("end_time", MessagesApi.RFC_2822.format(ended));
        body.put("duration", Integer.toString(call.seconds()));
        body.put("price", null);
        body.put("price_unit", "USD");
        body.put("direction", "outbound-dial");
        body.put("answered_by", null);
        body.put("api_version", "2010-04-01");
        body.put("forwarded_from", null);
        body.put("group_sid", null);
        body.put("caller_name", null);
        body.put("queue_time", "0");
        body.put("trunk_sid", null);
        body.put("uri", path);
        Map<String, String> subresources = new LinkedHashMap<>();
        for (String sub : new String[] {"notifications", "recordings", "payments", "events", "siprec", "streams",
                "transcriptions"}) {
            subresources.put(sub, base + "/" + Character.toUpperCase(sub.charAt(0)) + sub.substring(1) + ".json");
        }
        body.put("subresource_uris", subresources);
        return body;
    }
}
