package com.mctb.kit.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.jboss.logging.Logger;

/**
 * The Twilio accounts the platform acts for, and the auth token each signs its webhooks with: the platform's main
 * account ({@code mctb.twilio.account-sid} / {@code auth-token}), the accounts configured by hand
 * ({@code mctb.twilio.accounts."AC…".auth-token}), and any other account the platform's credentials can fetch
 * through Twilio's Accounts resource (its subaccounts), whose token is then kept in memory. A token is never logged
 * and never leaves this class except to check a signature.
 */
@ApplicationScoped
public class TwilioAccounts {

    private static final Logger LOG = Logger.getLogger(TwilioAccounts.class);
    private static final Pattern ACCOUNT_SID = Pattern.compile("^AC[0-9a-fA-F]{32}$");
    /** How long an account Twilio would not give (unknown, closed, or Twilio away) is not asked for again. */
    static final Duration NOT_AGAIN_FOR = Duration.ofSeconds(30);

    private final Map<String, Resolved> fetched = new ConcurrentHashMap<>();
    private volatile TwilioRestClient platformClient;

    @Inject
    TwilioWebhookConfig config;

    Clock clock = Clock.systemUTC();

    /** The platform's main Twilio AccountSid, when configured. */
    public Optional<String> platformAccountSid() {
        return config.accountSid().filter(s -> !s.isBlank());
    }

    /** True for the platform's main account. */
    public boolean isPlatform(String accountSid) {
        return accountSid != null && platformAccountSid().map(accountSid::equals).orElse(false);
    }

    /** The token of the platform's main account or of one configured by hand: no request to Twilio. */
    public Optional<String> configuredToken(String accountSid) {
        if (accountSid == null || isPlatform(accountSid)) {
            return platformToken();
        }
        return Optional.ofNullable(config.accounts().get(accountSid)).map(TwilioWebhookConfig.TwilioAccount::authToken)
                .filter(t -> !t.isBlank());
    }

    /**
     * The auth token {@code accountSid} signs its webhooks with: configured, or fetched from Twilio with the platform's
     * credentials ({@code Account.fetcher(sid).fetch(...)}) and kept. Empty for an account the platform cannot fetch,
     * a closed or suspended one, or while Twilio cannot be reached (asked again after {@link #NOT_AGAIN_FOR}).
     */
    public Optional<String> authToken(String accountSid) {
        Optional<String> configured = configuredToken(accountSid);
        if (configured.isPresent() || accountSid == null || isPlatform(accountSid)) {
            return configured;
        }
        if (!ACCOUNT_SID.matcher(accountSid).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Resolved known = fetched.get(accountSid);
        if (known != null && (known.token() != null || now.isBefore(known.askAgainAt()))) {
            return Optional.ofNullable(known.token());
        }
        Resolved resolved = fetch(accountSid, now);
        fetched.put(accountSid, resolved);
        return Optional.ofNullable(resolved.token());
    }

    /** Forgets a fetched token (e.g. after the account's token was rotated): the next webhook fetches it again. */
    public void forget(String accountSid) {
        fetched.remove(accountSid);
    }

    private Resolved fetch(String accountSid, Instant now) {
        Optional<TwilioRestClient> client = platformClient();
        if (client.isEmpty()) {
            LOG.warnf("Twilio account %s: its auth token is not configured and, without the platform's AccountSid and "
                    + "auth token, cannot be fetched", accountSid);
            return Resolved.notNow(now);
        }
        try {
            Account account = Account.fetcher(accountSid).fetch(client.get());
            if (account.getStatus() != null && account.getStatus() != Account.Status.ACTIVE) {
                LOG.warnf("Twilio account %s is %s: its webhooks are refused", accountSid, account.getStatus());
                return Resolved.notNow(now);
            }
            if (account.getAuthToken() == null || account.getAuthToken().isBlank()) {
                LOG.warnf("Twilio account %s: Twilio gave no auth token for it", accountSid);
                return Resolved.notNow(now);
            }
            LOG.infof("Twilio account %s: auth token fetched with the platform's credentials", accountSid);
            return new Resolved(account.getAuthToken(), null);
        } catch (ApiException e) {
            if (e.getStatusCode() == null) {
                LOG.warnf("Twilio account %s: Twilio could not be reached (%s)", accountSid, e.getMessage());
                return Resolved.notNow(now);
            }
            LOG.warnf("Twilio account %s cannot be fetched with the platform's credentials (HTTP %s, code %s)",
                    accountSid, e.getStatusCode(), e.getCode());
            return Resolved.notNow(now);
        } catch (RuntimeException e) {
            // TwilioException, or anything else the SDK throws: a webhook waiting for this is refused, never failed.
            LOG.warnf("Twilio account %s: Twilio could not be asked (%s)", accountSid, e.getClass().getSimpleName());
            return Resolved.notNow(now);
        }
    }

    private Optional<String> platformToken() {
        return config.authToken().filter(t -> !t.isBlank());
    }

    private Optional<TwilioRestClient> platformClient() {
        if (platformClient == null) {
            Optional<String> sid = platformAccountSid();
            Optional<String> token = platformToken();
            if (sid.isEmpty() || token.isEmpty()) {
                return Optional.empty();
            }
            // A webhook may wait for this (a caller is ringing): seconds, not the SDK's default half minute.
            Timeout wait = Timeout.ofSeconds(3);
            HttpClientBuilder http = HttpClientBuilder.create().useSystemProperties()
                    .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(wait).build())
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(wait).build())
                            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(wait)
                                    .setSocketTimeout(wait).build())
                            .build());
            platformClient = new TwilioRestClient.Builder(sid.get(), token.get())
                    .httpClient(new TwilioApiHttpClient(config.apiBaseUrl(), http)).build();
        }
        return Optional.of(platformClient);
    }

    /** A fetched token, or none until {@code askAgainAt}. */
    private record Resolved(String token, Instant askAgainAt) {
        static Resolved notNow(Instant now) {
            return new Resolved(null, now.plus(NOT_AGAIN_FOR));
        }

        @Override
        public String toString() {
            return token == null ? "Resolved[none until " + askAgainAt + "]" : "Resolved[token]";
        }
    }
}
