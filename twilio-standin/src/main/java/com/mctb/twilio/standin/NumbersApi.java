package com.mctb.twilio.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers Twilio's Accounts, AvailablePhoneNumbers and IncomingPhoneNumbers resources as Twilio does (the JSON is
 * checked against Twilio's OpenAPI description in the stand-in's tests):
 * <ul>
 *   <li>{@code POST /2010-04-01/Accounts.json} creates a subaccount of the caller, with its own auth token;
 *       {@code GET /2010-04-01/Accounts.json} lists the caller and its subaccounts;
 *       {@code GET /2010-04-01/Accounts/{Sid}.json} fetches one (with its auth_token, as Twilio answers).</li>
 *   <li>{@code GET …/AvailablePhoneNumbers/{US|CA}/Local.json} searches the seeded {@link NumberPool} (AreaCode,
 *       Contains, PageSize): numbers no account holds.</li>
 *   <li>{@code POST …/IncomingPhoneNumbers.json} buys an available number (PhoneNumber, or the first of an AreaCode)
 *       with its VoiceUrl, StatusCallback, SmsUrl, …; a number not available is refused with Twilio's 21422.
 *       {@code GET …/IncomingPhoneNumbers.json} lists the account's numbers (PhoneNumber, FriendlyName filters);
 *       {@code GET|POST|DELETE …/IncomingPhoneNumbers/{PN}.json} fetches, updates (AccountSid moves it to another
 *       account of the same owner) and releases one.</li>
 * </ul>
 * Every path under {@code /Accounts/{X}/} authenticates as {@link Accounts} says.
 */
final class NumbersApi extends StandInResource {

    static final String NAME = "twilio-numbers-api";
    private static final String BASE = "/2010-04-01";
    private static final Pattern ACCOUNTS = Pattern.compile(BASE + "/Accounts\\.json");
    private static final Pattern ACCOUNT = Pattern.compile(BASE + "/Accounts/([^/]+)\\.json");
    private static final Pattern AVAILABLE = Pattern.compile(BASE + "/Accounts/([^/]+)/AvailablePhoneNumbers/([^/]+)/Local\\.json");
    private static final Pattern INCOMING = Pattern.compile(BASE + "/Accounts/([^/]+)/IncomingPhoneNumbers\\.json");
    private static final Pattern ONE_INCOMING = Pattern.compile(BASE + "/Accounts/([^/]+)/IncomingPhoneNumbers/([^/]+)\\.json");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Accounts accounts;
    private final NumberPool pool = new NumberPool();
    private final MessagesApi journal;
    /** Held numbers by E.164. */
    private final Map<String, HeldNumber> held = new ConcurrentHashMap<>();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private volatile int refusalStatus = 400;
    private volatile int refusalCode = 21422;
    private final AtomicInteger stallsLeft = new AtomicInteger();
    private volatile Duration stallFor = Duration.ZERO;
    private volatile boolean stallAccepts;
    private volatile boolean unreachable;
    private volatile Runnable changed = () -> { };

    NumbersApi(Accounts accounts, MessagesApi journal) {
        super(NAME);
        this.accounts = accounts;
        this.journal = journal;
    }

    /** Told after each change to the held numbers (to keep them in {@link StandInState}). */
    void onChange(Runnable listener) {
        changed = listener;
    }

    /** Numbers a previous run held. */
    void restore(List<HeldNumber> numbers) {
        numbers.forEach(n -> held.put(n.phoneNumber(), n));
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String[] pathAndQuery = request.getUrl().split("\\?", 2);
        String path = pathAndQuery[0];
        RequestMethod method = request.getMethod();
        Map<String, List<String>> params = method.equals(RequestMethod.POST)
                ? MessagesApi.multiParams(request.getBodyAsString())
                : MessagesApi.multiParams(pathAndQuery.length > 1 ? pathAndQuery[1] : "");
        if (unreachable) {
            journal.record(new ApiRequest(method.getName(), path, params, 0, null));
            return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        ResponseDefinition answer;
        try {
            answer = answer(method, path, last(params), request.getHeader("Authorization"));
        } catch (IllegalArgumentException e) {
            answer = MessagesApi.error(400, 20001, e.getMessage());
        }
        journal.record(new ApiRequest(method.getName(), path, params, answer.getStatus(), answer.getBody()));
        return answer;
    }

    private ResponseDefinition answer(RequestMethod method, String path, Map<String, String> params, String auth) {
        if (ACCOUNTS.matcher(path).matches()) {
            Optional<StandInAccount> caller = accounts.authenticated(auth);
            if (caller.isEmpty()) {
                return unauthenticated();
            }
            if (method.equals(RequestMethod.POST)) {
                if (caller.get().isSubaccount()) {
                    return MessagesApi.error(403, 20006, "A subaccount cannot create subaccounts");
                }
                return MessagesApi.json(201, account(accounts.createSubaccount(caller.get().sid(),
                        params.get("FriendlyName"))));
            }
            if (method.equals(RequestMethod.GET)) {
                return listAccounts(caller.get(), path, params);
            }
            return notFound(path);
        }
        Matcher m = ACCOUNT.matcher(path);
        if (m.matches()) {
            if (!method.equals(RequestMethod.GET)) {
                return notFound(path);
            }
            String sid = m.group(1);
            Optional<StandInAccount> caller = accounts.authenticated(auth);
            if (caller.isEmpty()) {
                return unauthenticated();
            }
            Optional<StandInAccount> account = accounts.find(sid).filter(a -> a.sid().equals(caller.get().sid())
                    || a.ownerSid().equals(caller.get().sid()));
            return account.map(a -> MessagesApi.json(200, account(a))).orElseGet(() -> notFound(path));
        }
        if ((m = AVAILABLE.matcher(path)).matches()) {
            if (accounts.caller(auth, m.group(1)).isEmpty()) {
                return unauthenticated();
            }
            return method.equals(RequestMethod.GET) ? available(m.group(2), path, params) : notFound(path);
        }
        if ((m = INCOMING.matcher(path)).matches()) {
            String accountSid = m.group(1);
            if (accounts.caller(auth, accountSid).isEmpty()) {
                return unauthenticated();
            }
            if (method.equals(RequestMethod.POST)) {
                return buy(accountSid, params);
            }
            return method.equals(RequestMethod.GET) ? listNumbers(accountSid, path, params) : notFound(path);
        }
        if ((m = ONE_INCOMING.matcher(path)).matches()) {
            String accountSid = m.group(1);
            Optional<String> caller = accounts.caller(auth, accountSid);
            if (caller.isEmpty()) {
                return unauthenticated();
            }
            String sid = m.group(2);
            Optional<HeldNumber> number = held.values().stream()
                    .filter(n -> n.sid().equals(sid) && n.accountSid().equals(accountSid)).findFirst();
            if (number.isEmpty()) {
                return notFound(path);
            }
            if (method.equals(RequestMethod.GET)) {
                return MessagesApi.json(200, incoming(number.get()));
            }
            if (method.equals(RequestMethod.DELETE)) {
                release(number.get().phoneNumber());
                return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
            }
            if (method.equals(RequestMethod.POST)) {
                return update(number.get(), caller.get(), params);
            }
        }
        return notFound(path);
    }

    private ResponseDefinition buy(String accountSid, Map<String, String> params) {
        String phoneNumber = params.get("PhoneNumber");
        String areaCode = params.get("AreaCode");
        if (phoneNumber == null && areaCode == null) {
            return MessagesApi.error(400, 21421, "A PhoneNumber or an AreaCode is required.");
        }
        if (phoneNumber != null && !E164.matcher(phoneNumber).matches()) {
            return MessagesApi.error(400, 21421, "PhoneNumber " + phoneNumber + " is invalid.");
        }
        if (refusalsLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return MessagesApi.error(refusalStatus, refusalCode, "PhoneNumber " + (phoneNumber == null ? areaCode
                    : phoneNumber) + " is not available (refused as the test asked).");
        }
        Optional<NumberPool.Offer> offer;
        if (phoneNumber != null) {
            offer = pool.offer(phoneNumber).filter(o -> !held.containsKey(o.phoneNumber()));
        } else {
            offer = pool.search("US", areaCode, null).stream().filter(o -> !held.containsKey(o.phoneNumber()))
                    .findFirst().or(() -> pool.search("CA", areaCode, null).stream()
                            .filter(o -> !held.containsKey(o.phoneNumber())).findFirst());
            if (offer.isEmpty()) {
                return MessagesApi.error(400, 21452, "No phone numbers found in area code " + areaCode + ".");
            }
        }
        if (offer.isEmpty()) {
            return MessagesApi.error(400, 21422, "PhoneNumber " + phoneNumber + " is not available.");
        }
        HeldNumber number = hold(accountSid, offer.get().phoneNumber(), "twilio", params);
        if (stallsLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            if (!stallAccepts) {
                release(number.phoneNumber());
                return ResponseDefinitionBuilder.like(MessagesApi.error(503, 20503, "Service Unavailable"))
                        .withFixedDelay((int) stallFor.toMillis()).build();
            }
            return ResponseDefinitionBuilder.like(MessagesApi.json(201, incoming(number)))
                    .withFixedDelay((int) stallFor.toMillis()).build();
        }
        return MessagesApi.json(201, incoming(number));
    }

    /** Puts a number in an account (bought through the API, or seeded by a test as already held). */
    HeldNumber hold(String accountSid, String phoneNumber, String origin, Map<String, String> params) {
        Instant now = Instant.now();
        String friendly = pool.offer(phoneNumber).map(NumberPool.Offer::friendlyName).orElse(phoneNumber);
        HeldNumber number = new HeldNumber(Accounts.newSid("PN"), accountSid, phoneNumber, friendly, null, "POST",
                null, "POST", null, "POST", null, null, origin, now, now).with(params);
        HeldNumber previous = held.putIfAbsent(phoneNumber, number);
        if (previous != null) {
            throw new IllegalArgumentException(phoneNumber + " is already held by " + previous.accountSid());
        }
        changed.run();
        return number;
    }

    private ResponseDefinition update(HeldNumber number, String caller, Map<String, String> params) {
        HeldNumber updated = number.with(params);
        String target = params.get("AccountSid");
        if (target != null && !target.equals(number.accountSid())) {
            boolean mayMove = accounts.find(target).map(t -> t.sid().equals(caller) || t.ownerSid().equals(caller)
                    || accounts.find(caller).map(c -> c.ownerSid().equals(t.ownerSid())).orElse(false))
                    .orElse(!accounts.strict());
            if (mayMove) {
                updated = updated.withAccount(target);
            } else {
                return MessagesApi.error(400, 21430, "AccountSid " + target + " is not an account you own.");
            }
        }
        held.put(number.phoneNumber(), updated);
        changed.run();
        return MessagesApi.json(200, incoming(updated));
    }

    /** A test (or someone at Twilio's console) edits a held number. */
    Optional<HeldNumber> edit(String phoneNumber, Map<String, String> params) {
        Optional<HeldNumber> edited = Optional.ofNullable(held.computeIfPresent(phoneNumber, (p, n) -> n.with(params)));
        edited.ifPresent(n -> changed.run());
        return edited;
    }

    Optional<HeldNumber> held(String phoneNumber) {
        return Optional.ofNullable(held.get(phoneNumber));
    }

    List<HeldNumber> allHeld() {
        List<HeldNumber> list = new ArrayList<>(held.values());
        list.sort(Comparator.comparing(HeldNumber::createdAt));
        return list;
    }

    boolean release(String phoneNumber) {
        boolean released = held.remove(phoneNumber) != null;
        if (released) {
            changed.run();
        }
        return released;
    }

    void refuseNextPurchases(int count, int status, int code) {
        refusalStatus = status;
        refusalCode = code;
        refusalsLeft.set(count);
    }

    void stallNextPurchase(Duration delay, boolean accept) {
        stallFor = delay;
        stallAccepts = accept;
        stallsLeft.set(1);
    }

    void unreachable(boolean down) {
        unreachable = down;
    }

    void clearFailures() {
        refusalsLeft.set(0);
        stallsLeft.set(0);
        unreachable = false;
    }

    private ResponseDefinition available(String country, String path, Map<String, String> params) {
        if (!pool.servesCountry(country)) {
            return MessagesApi.error(404, 20404, "The requested resource " + path + " was not found");
        }
        String areaCode = params.get("AreaCode");
        if (areaCode != null && !areaCode.matches("\\d{3}")) {
            return MessagesApi.error(400, 21451, "Invalid AreaCode " + areaCode + ".");
        }
        int pageSize = pageSize(params);
        List<NumberPool.Offer> offers = pool.search(country, areaCode, params.get("Contains")).stream()
                .filter(o -> !held.containsKey(o.phoneNumber())).limit(pageSize).toList();
        ObjectNode page = page(path, pageSize, offers.size(), params);
        ArrayNode list = page.putArray("available_phone_numbers");
        for (NumberPool.Offer o : offers) {
            ObjectNode n = list.addObject();
            n.put("friendly_name", o.friendlyName());
            n.put("phone_number", o.phoneNumber());
            n.put("lata", o.lata());
            n.put("locality", o.locality());
            n.put("rate_center", o.rateCenter());
            n.put("latitude", o.latitude());
            n.put("longitude", o.longitude());
            n.put("region", o.region());
            n.put("postal_code", o.postalCode());
            n.put("iso_country", o.isoCountry());
            n.put("address_requirements", "none");
            n.put("beta", false);
            capabilities(n.putObject("capabilities"));
        }
        return MessagesApi.json(200, page);
    }

    private ResponseDefinition listNumbers(String accountSid, String path, Map<String, String> params) {
        Predicate<HeldNumber> filter = n -> n.accountSid().equals(accountSid);
        String phoneNumber = params.get("PhoneNumber");
        if (phoneNumber != null) {
            String digits = phoneNumber.replaceAll("[^0-9]", "");
            filter = filter.and(n -> n.phoneNumber().replace("+", "").contains(digits));
        }
        String friendlyName = params.get("FriendlyName");
        if (friendlyName != null) {
            filter = filter.and(n -> friendlyName.equals(n.friendlyName()));
        }
        int pageSize = pageSize(params);
        List<HeldNumber> numbers = allHeld().stream().filter(filter).limit(pageSize).toList();
        ObjectNode page = page(path, pageSize, numbers.size(), params);
        ArrayNode list = page.putArray("incoming_phone_numbers");
        numbers.forEach(n -> list.add(incoming(n)));
        return MessagesApi.json(200, page);
    }

    private ResponseDefinition listAccounts(StandInAccount caller, String path, Map<String, String> params) {
        int pageSize = pageSize(params);
        String friendlyName = params.get("FriendlyName");
        List<StandInAccount> visible = accounts.visibleTo(caller.ownerSid()).stream()
                .filter(a -> !caller.isSubaccount() || a.sid().equals(caller.sid()))
                .filter(a -> friendlyName == null || friendlyName.equals(a.friendlyName()))
                .filter(a -> params.get("Status") == null || "active".equals(params.get("Status")))
                .limit(pageSize).toList();
        ObjectNode page = page(path, pageSize, visible.size(), params);
        ArrayNode list = page.putArray("accounts");
        visible.forEach(a -> list.add(account(a)));
        return MessagesApi.json(200, page);
    }

    private static int pageSize(Map<String, String> params) {
        try {
            int size = Integer.parseInt(params.getOrDefault("PageSize", "50"));
            if (size < 1 || size > 1000) {
                throw new IllegalArgumentException("PageSize must be between 1 and 1000");
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid PageSize " + params.get("PageSize"));
        }
    }

    private static ObjectNode page(String path, int pageSize, int count, Map<String, String> params) {
        ObjectNode page = JSON.createObjectNode();
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> {
            if (!name.equals("PageSize") && !name.equals("Page") && !name.equals("PageToken")) {
                query.append(name).append('=').append(java.net.URLEncoder.encode(value,
                        java.nio.charset.StandardCharsets.UTF_8)).append('&');
            }
        });
        String uri = path + "?" + query + "PageSize=" + pageSize + "&Page=0";
        page.put("end", Math.max(0, count - 1));
        page.put("first_page_uri", uri);
        page.putNull("next_page_uri");
        page.put("page", 0);
        page.put("page_size", pageSize);
        page.putNull("previous_page_uri");
        page.put("start", 0);
        page.put("uri", uri);
        return page;
    }

    private static void capabilities(ObjectNode c) {
        c.put("voice", true);
        c.put("sms", true);
        c.put("mms", true);
        c.put("fax", false);
    }

    static ObjectNode account(StandInAccount a) {
        ObjectNode n = JSON.createObjectNode();
        String created = MessagesApi.RFC_2822.format(a.createdAt());
        n.put("auth_token", a.authToken());
        n.put("date_created", created);
        n.put("date_updated", created);
        n.put("friendly_name", a.friendlyName());
        n.put("owner_account_sid", a.ownerSid());
        n.put("sid", a.sid());
        n.put("status", "active");
        ObjectNode uris = n.putObject("subresource_uris");
        String base = BASE + "/Accounts/" + a.sid();
        uris.put("available_phone_numbers", base + "/AvailablePhoneNumbers.json");
        uris.put("incoming_phone_numbers", base + "/IncomingPhoneNumbers.json");
        uris.put("messages", base + "/Messages.json");
        uris.put("recordings", base + "/Recordings.json");
        n.put("type", "Full");
        n.put("uri", base + ".json");
        return n;
    }

    static ObjectNode incoming(HeldNumber h) {
        ObjectNode n = JSON.createObjectNode();
        n.put("account_sid", h.accountSid());
        n.putNull("address_sid");
        n.put("address_requirements", "none");
        n.put("api_version", "2010-04-01");
        n.put("beta", false);
        capabilities(n.putObject("capabilities"));
        n.put("date_created", MessagesApi.RFC_2822.format(h.createdAt()));
        n.put("date_updated", MessagesApi.RFC_2822.format(h.updatedAt()));
        n.put("friendly_name", h.friendlyName());
        n.putNull("identity_sid");
        n.put("phone_number", h.phoneNumber());
        n.put("origin", h.origin());
        n.put("sid", h.sid());
        n.putNull("sms_application_sid");
        n.put("sms_fallback_method", "POST");
        n.put("sms_fallback_url", h.smsFallbackUrl());
        n.put("sms_method", h.smsMethod());
        n.put("sms_url", h.smsUrl());
        n.put("status_callback", h.statusCallback());
        n.put("status_callback_method", h.statusCallbackMethod());
        n.putNull("trunk_sid");
        n.put("uri", BASE + "/Accounts/" + h.accountSid() + "/IncomingPhoneNumbers/" + h.sid() + ".json");
        n.put("voice_receive_mode", "voice");
        n.putNull("voice_application_sid");
        n.put("voice_caller_id_lookup", false);
        n.put("voice_fallback_method", "POST");
        n.put("voice_fallback_url", h.voiceFallbackUrl());
        n.put("voice_method", h.voiceMethod());
        n.put("voice_url", h.voiceUrl());
        n.put("emergency_status", "Inactive");
        n.putNull("emergency_address_sid");
        n.put("emergency_address_status", "unregistered");
        n.putNull("bundle_sid");
        n.put("status", "in-use");
        n.put("type", "local");
        return n;
    }

    private static ResponseDefinition unauthenticated() {
        return MessagesApi.error(401, 20003, "Authenticate");
    }

    private static ResponseDefinition notFound(String path) {
        return MessagesApi.error(404, 20404, "The requested resource " + path + " was not found");
    }

    private static Map<String, String> last(Map<String, List<String>> multi) {
        Map<String, String> params = new LinkedHashMap<>();
        multi.forEach((name, values) -> params.put(name, values.get(values.size() - 1)));
        return params;
    }
}
