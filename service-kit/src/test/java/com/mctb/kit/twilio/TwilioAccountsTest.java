package com.mctb.kit.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.twilio.standin.StandInAccount;
import com.mctb.twilio.standin.TwilioApiStandIn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TwilioAccounts against the Twilio stand-in, strict as Twilio is: the platform's credentials fetch subaccounts. */
class TwilioAccountsTest {

    static final String PLATFORM_SID = "AC" + "0".repeat(31) + "1";
    static final String PLATFORM_TOKEN = "platform-token";
    static final String CONFIGURED_SID = "AC" + "c".repeat(32);

    static TwilioApiStandIn standIn;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void startTwilio() {
        standIn = TwilioApiStandIn.start(0, PLATFORM_SID, PLATFORM_TOKEN);
    }

    @AfterAll
    static void stopTwilio() {
        standIn.close();
    }

    @BeforeEach
    void captureTheLog() {
        capture.setLevel(Level.ALL);
        Logger.getLogger(TwilioAccounts.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(TwilioAccounts.class.getName()).removeHandler(capture);
    }

    @Test
    void theMainAccountsAndConfiguredTokensNeedNoRequestToTwilio() {
        TwilioAccounts accounts = accounts(standIn.baseUrl());

        assertThat(accounts.authToken(PLATFORM_SID)).contains(PLATFORM_TOKEN);
        assertThat(accounts.configuredToken(null)).contains(PLATFORM_TOKEN);
        assertThat(accounts.authToken(CONFIGURED_SID)).contains("configured-token");
        assertThat(accounts.isPlatform(PLATFORM_SID)).isTrue();
        assertThat(accounts.isPlatform(CONFIGURED_SID)).isFalse();
        assertThat(accountRequests()).isEmpty();
    }

    @Test
    void aSubaccountsTokenIsFetchedWithThePlatformsCredentialsOnceAndNeverLogged() {
        StandInAccount sub = standIn.createSubaccount(PLATFORM_SID, "mctb glow");
        TwilioAccounts accounts = accounts(standIn.baseUrl());
        long before = fetchesOf(sub.sid());

        assertThat(accounts.authToken(sub.sid())).contains(sub.authToken());
        assertThat(accounts.authToken(sub.sid())).contains(sub.authToken());

        assertThat(fetchesOf(sub.sid()) - before).isEqualTo(1);
        assertThat(accounts.configuredToken(sub.sid())).isEmpty();
        assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(sub.authToken()));
    }

    @Test
    void anAccountThePlatformCannotFetchHasNoTokenAndIsNotAskedForAgainAtOnce() {
        String stranger = "AC" + "5".repeat(32);
        standIn.seedNumber(stranger, "+15550109999");
        MutableClock clock = new MutableClock();
        TwilioAccounts accounts = accounts(standIn.baseUrl());
        accounts.clock = clock;
        long before = fetchesOf(stranger);

        assertThat(accounts.authToken(stranger)).isEmpty();
        assertThat(accounts.authToken(stranger)).isEmpty();
        assertThat(fetchesOf(stranger) - before).isEqualTo(1);

        clock.now = clock.now.plus(TwilioAccounts.NOT_AGAIN_FOR).plusSeconds(1);
        assertThat(accounts.authToken(stranger)).isEmpty();
        assertThat(fetchesOf(stranger) - before).isEqualTo(2);
    }

    @Test
    void whatIsNotAnAccountSidIsNeverAskedFor() {
        TwilioAccounts accounts = accounts(standIn.baseUrl());

        assertThat(accounts.authToken("AC-not-a-sid")).isEmpty();
        assertThat(accounts.authToken("../Messages")).isEmpty();
        assertThat(accountRequests()).noneMatch(path -> path.contains("not-a-sid") || path.contains("Messages"));
    }

    @Test
    void twilioUnreachableMeansNoTokenNotAnError() {
        TwilioAccounts accounts = accounts("http://127.0.0.1:1");

        assertThat(accounts.authToken("AC" + "7".repeat(32))).isEmpty();
    }

    @Test
    void withoutThePlatformsCredentialsNothingIsFetched() {
        StandInAccount sub = standIn.createSubaccount(PLATFORM_SID, "mctb no-credentials");
        TwilioAccounts accounts = new TwilioAccounts();
        accounts.config = config(Optional.empty(), standIn.baseUrl());

        assertThat(accounts.authToken(sub.sid())).isEmpty();
        assertThat(fetchesOf(sub.sid())).isZero();
    }

    private static TwilioAccounts accounts(String baseUrl) {
        TwilioAccounts accounts = new TwilioAccounts();
        accounts.config = config(Optional.of(PLATFORM_SID), baseUrl);
        return accounts;
    }

    private static long fetchesOf(String sid) {
        return accountRequests().stream().filter(p -> p.equals("/2010-04-01/Accounts/" + sid + ".json")).count();
    }

    private static List<String> accountRequests() {
        return standIn.apiRequests().stream().map(r -> r.path()).filter(p -> p.startsWith("/2010-04-01/Accounts/")
                && p.matches("/2010-04-01/Accounts/[^/]+\\.json")).toList();
    }

    private static TwilioWebhookConfig config(Optional<String> platformSid, String baseUrl) {
        return new TwilioWebhookConfig() {
            @Override
            public Optional<String> accountSid() {
                return platformSid;
            }

            @Override
            public Optional<String> authToken() {
                return Optional.of(PLATFORM_TOKEN);
            }

            @Override
            public String apiBaseUrl() {
                return baseUrl;
            }

            @Override
            public Optional<String> publicBaseUrl() {
                return Optional.of("https://hooks.test");
            }

            @Override
            public Map<String, TwilioAccount> accounts() {
                return Map.of(CONFIGURED_SID, new TwilioAccount() {
                    @Override
                    public String authToken() {
                        return "configured-token";
                    }

                    @Override
                    public Optional<String> accountId() {
                        return Optional.empty();
                    }
                });
            }
        };
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-02T09:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
