package com.mctb.twilio.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.type.PhoneNumber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stand-in started with a state file remembers its subaccounts and the numbers they hold across a restart, as
 * Twilio does (the local stack's database names them after {@code ./mctb down} and {@code up}); a file it cannot
 * read is set aside and it starts with none. Driven as settings-service drives it: the platform's credentials, through
 * the Twilio SDK.
 */
class StandInStateTest {

    private static final String PLATFORM = "AC" + "0".repeat(31) + "1";
    private static final String PLATFORM_TOKEN = "platform-token";
    private static final String NUMBER = "+14155550123";

    @TempDir
    Path dir;

    @Test
    void subaccountsAndTheirConfiguredNumbersOutliveARestart() {
        Path file = dir.resolve("twilio-standin/state.json");
        Account sub;
        IncomingPhoneNumber bought;
        try (TwilioApiStandIn first = TwilioApiStandIn.start(0, PLATFORM, PLATFORM_TOKEN, file)) {
            TwilioRestClient platform = SdkClients.client(first, PLATFORM, PLATFORM_TOKEN);
            sub = Account.creator().setFriendlyName("mctb glow").create(platform);
            bought = IncomingPhoneNumber.creator(sub.getSid(), new PhoneNumber(NUMBER))
                    .setVoiceUrl("https://hooks.example/twilio/voice/incoming").setVoiceMethod(HttpMethod.POST)
                    .setStatusCallback("https://hooks.example/twilio/voice/status")
                    .setStatusCallbackMethod(HttpMethod.POST)
                    .setSmsUrl("https://sms.example/twilio/messaging/inbound").setSmsMethod(HttpMethod.POST)
                    .setFriendlyName("mctb glow").create(platform);
            IncomingPhoneNumber.updater(sub.getSid(), bought.getSid())
                    .setSmsUrl("https://sms.example/twilio/messaging/inbound?v=2").update(platform);
            Account.creator().setFriendlyName("mctb released").create(platform);
            IncomingPhoneNumber other = IncomingPhoneNumber.creator(PLATFORM, new PhoneNumber("+12125550150"))
                    .create(platform);
            IncomingPhoneNumber.deleter(PLATFORM, other.getSid()).delete(platform);
        }
        assertThat(file).exists();

        try (TwilioApiStandIn second = TwilioApiStandIn.start(0, PLATFORM, PLATFORM_TOKEN, file)) {
            TwilioRestClient platform = SdkClients.client(second, PLATFORM, PLATFORM_TOKEN);

            Account fetched = Account.fetcher(sub.getSid()).fetch(platform);
            assertThat(fetched.getAuthToken()).isEqualTo(sub.getAuthToken());
            assertThat(fetched.getFriendlyName()).isEqualTo("mctb glow");
            assertThat(fetched.getOwnerAccountSid()).isEqualTo(PLATFORM);
            assertThat(fetched.getStatus()).isEqualTo(Account.Status.ACTIVE);
            assertThat(Account.reader().read(platform)).extracting(Account::getFriendlyName)
                    .contains("mctb glow", "mctb released");

            List<IncomingPhoneNumber> held = list(IncomingPhoneNumber.reader(sub.getSid())
                    .setPhoneNumber(new PhoneNumber(NUMBER)).read(platform));
            assertThat(held).singleElement().satisfies(n -> {
                assertThat(n.getSid()).isEqualTo(bought.getSid());
                assertThat(n.getAccountSid()).isEqualTo(sub.getSid());
                assertThat(n.getFriendlyName()).isEqualTo("mctb glow");
                assertThat(n.getVoiceUrl().toString()).isEqualTo("https://hooks.example/twilio/voice/incoming");
                assertThat(n.getStatusCallback().toString()).isEqualTo("https://hooks.example/twilio/voice/status");
                assertThat(n.getSmsUrl().toString()).isEqualTo("https://sms.example/twilio/messaging/inbound?v=2");
            });
            // The subaccount's own token still opens its paths; the bought number is not for sale, the released is.
            TwilioRestClient asSub = SdkClients.client(second, sub.getSid(), sub.getAuthToken());
            assertThat(IncomingPhoneNumber.reader(sub.getSid()).read(asSub)).hasSize(1);
            assertThat(Local.reader(PLATFORM, "US").setAreaCode(415).setContains("0123").read(platform)).isEmpty();
            assertThat(Local.reader(PLATFORM, "US").setAreaCode(212).setContains("0150").read(platform)).hasSize(1);
            assertThat(second.number("+12125550150")).isEmpty();
        }
    }

    @Test
    void anUnreadableFileIsSetAsideAndTheStandInStartsWithNoAccounts() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"version\":1,\"accounts\":[{\"sid\":");

        try (TwilioApiStandIn standIn = TwilioApiStandIn.start(0, PLATFORM, PLATFORM_TOKEN, file)) {
            assertThat(standIn.accounts()).extracting(StandInAccount::sid).containsExactly(PLATFORM);
            assertThat(standIn.numbers()).isEmpty();
            assertThat(dir.resolve("state.json.unreadable")).hasContent("{\"version\":1,\"accounts\":[{\"sid\":");

            Account.creator().setFriendlyName("after").create(SdkClients.client(standIn, PLATFORM, PLATFORM_TOKEN));
        }
        try (TwilioApiStandIn again = TwilioApiStandIn.start(0, PLATFORM, PLATFORM_TOKEN, file)) {
            assertThat(again.accounts()).extracting(StandInAccount::friendlyName).contains("after");
        }
    }

    @Test
    void aFileOfAnotherShapeIsUnreadableToo() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"version\":1,\"accounts\":[{\"friendlyName\":\"no sid\"}],\"numbers\":[]}");

        try (TwilioApiStandIn standIn = TwilioApiStandIn.start(0, PLATFORM, PLATFORM_TOKEN, file)) {
            assertThat(standIn.accounts()).extracting(StandInAccount::sid).containsExactly(PLATFORM);
            assertThat(dir.resolve("state.json.unreadable")).exists();
        }
    }

    private static <T> List<T> list(Iterable<T> items) {
        List<T> list = new java.util.ArrayList<>();
        items.forEach(list::add);
        return list;
    }
}
