package com.mctb.twilio.standin;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Twilio accounts the stand-in knows and who may act on which, as Twilio decides it: a request under
 * {@code /2010-04-01/Accounts/{X}/…} authenticates (HTTP basic) with X's own SID and auth token, or with those of the
 * main account X belongs to. Two modes:
 * <ul>
 *   <li><b>strict</b> (started with the platform's AccountSid and AuthToken): every request needs valid credentials;</li>
 *   <li><b>lenient</b> (started without): an account the stand-in does not know is open to any request, as the
 *       stand-in always was for the Messages API; the first caller to create a subaccount becomes a main account that
 *       takes any token. A subaccount's path still needs its own token or its owner's SID.</li>
 * </ul>
 */
final class Accounts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, StandInAccount> accounts = new ConcurrentHashMap<>();
    private final String platformSid;
    private volatile Runnable changed = () -> { };

    Accounts(String platformSid, String platformToken) {
        this.platformSid = platformSid;
        if (platformSid != null) {
            accounts.put(platformSid, new StandInAccount(platformSid, platformToken, "Platform account", platformSid,
                    Instant.now()));
        }
    }

    /** Told after each account is added (to keep them in {@link StandInState}). */
    void onChange(Runnable listener) {
        changed = listener;
    }

    /** Accounts a previous run knew; the platform's account stays as this run was started with it. */
    void restore(List<StandInAccount> known) {
        known.stream().filter(a -> !a.sid().equals(platformSid)).forEach(a -> accounts.put(a.sid(), a));
    }

    boolean strict() {
        return platformSid != null;
    }

    String platformSid() {
        return platformSid;
    }

    Optional<StandInAccount> find(String sid) {
        return sid == null ? Optional.empty() : Optional.ofNullable(accounts.get(sid));
    }

    /** Subaccounts of {@code ownerSid} and the main account itself, oldest first. */
    List<StandInAccount> visibleTo(String ownerSid) {
        List<StandInAccount> list = new ArrayList<>(accounts.values().stream()
                .filter(a -> a.sid().equals(ownerSid) || a.ownerSid().equals(ownerSid)).toList());
        list.sort(Comparator.comparing(StandInAccount::createdAt).thenComparing(StandInAccount::sid));
        return list;
    }

    List<StandInAccount> all() {
        List<StandInAccount> list = new ArrayList<>(accounts.values());
        list.sort(Comparator.comparing(StandInAccount::createdAt).thenComparing(StandInAccount::sid));
        return list;
    }

    /** What {@link StandInState} keeps: every account but the platform's (its token comes from the start, not a file). */
    List<StandInAccount> kept() {
        return all().stream().filter(a -> !a.sid().equals(platformSid)).toList();
    }

    StandInAccount createSubaccount(String ownerSid, String friendlyName) {
        StandInAccount owner = add(ownerSid, sid -> new StandInAccount(sid, null, "Main account", sid, Instant.now()));
        String sid = newSid("AC");
        StandInAccount sub = new StandInAccount(sid, newToken(), friendlyName == null ? "SubAccount Created at "
                + MessagesApi.RFC_2822.format(Instant.now()) : friendlyName, owner.sid(), Instant.now());
        accounts.put(sid, sub);
        changed.run();
        return sub;
    }

    /** Another business's Twilio account (a main account with a token only the stand-in knows), made on demand. */
    StandInAccount ensure(String sid) {
        return add(sid, s -> new StandInAccount(s, newToken(), "Another Twilio account", s, Instant.now()));
    }

    /** The account of {@code sid}, made when there is none (and then {@link #changed} told). */
    private StandInAccount add(String sid, Function<String, StandInAccount> make) {
        boolean[] made = {false};
        StandInAccount account = accounts.computeIfAbsent(sid, s -> {
            made[0] = true;
            return make.apply(s);
        });
        if (made[0]) {
            changed.run();
        }
        return account;
    }

    /**
     * The account the request authenticated as, when it may act on {@code pathSid}; empty when Twilio would answer
     * 401. In lenient mode, a request on an account the stand-in does not know is taken as that account's own.
     */
    Optional<String> caller(String authorization, String pathSid) {
        String[] credentials = credentials(authorization);
        StandInAccount path = accounts.get(pathSid);
        if (!strict() && (path == null || path.authToken() == null)) {
            // Lenient: an account never named to the stand-in (only seen as a caller) stays open, as it always was.
            return Optional.of(credentials == null ? pathSid : credentials[0]);
        }
        if (credentials == null) {
            return Optional.empty();
        }
        StandInAccount user = accounts.get(credentials[0]);
        if (user == null || (user.authToken() != null && !user.authToken().equals(credentials[1]))) {
            return Optional.empty();
        }
        if (user.sid().equals(pathSid) || (path != null && path.ownerSid().equals(user.sid()))) {
            return Optional.of(user.sid());
        }
        return Optional.empty();
    }

    /** The authenticated account of a request that names no account in its path (Accounts.json). */
    Optional<StandInAccount> authenticated(String authorization) {
        String[] credentials = credentials(authorization);
        if (credentials == null) {
            return Optional.empty();
        }
        StandInAccount user = accounts.get(credentials[0]);
        if (user == null) {
            if (strict() || !credentials[0].startsWith("AC")) {
                return Optional.empty();
            }
            user = add(credentials[0], sid -> new StandInAccount(sid, null, "Main account", sid, Instant.now()));
        }
        if (user.authToken() != null && !user.authToken().equals(credentials[1])) {
            return Optional.empty();
        }
        return Optional.of(user);
    }

    /** The token an account signs its webhooks with: its own, or null when the stand-in does not know one. */
    String signingToken(String accountSid) {
        StandInAccount account = accounts.get(accountSid);
        return account == null ? null : account.authToken();
    }

    private static String[] credentials(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String newSid(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
