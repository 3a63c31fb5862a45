package com.mctb.settings.twilio;

import com.mctb.settings.config.SettingsConfig;
import com.mctb.settings.domain.twilio.NumberConfiguration;
import com.mctb.settings.domain.twilio.NumberSearch;
import com.mctb.settings.domain.twilio.TwilioOutcome;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumberUpdater;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.type.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

/**
 * Twilio's Accounts, AvailablePhoneNumbers and IncomingPhoneNumbers resources through the Twilio SDK, with the
 * platform's credentials (on a subaccount's path too: its own token is never fetched). Translates Twilio's answers:
 * a 4xx is {@link TwilioRefusedException} naming the subject, no answer / 5xx / 429 / refused credentials is
 * {@link TwilioUnavailableException}. Never logs an {@code Account} (Twilio's Account JSON carries its auth token).
 */
@ApplicationScoped
public class TwilioApi {

    /** A Twilio account, without its auth token. */
    public record TwilioAccount(String sid, String friendlyName, String ownerSid) {
    }

    /** A number Twilio offers. */
    public record Offer(String phoneNumber, String friendlyName, String locality, String region, String country,
            boolean voice, boolean sms, boolean mms) {
    }

    /** A number a Twilio account holds, with its configuration. */
    public record Held(String sid, String accountSid, String phoneNumber, NumberConfiguration configuration) {
    }

    @Inject
    TwilioRestClient client;

    @Inject
    SettingsConfig config;

    public String platformAccountSid() {
        return config.twilio().accountSid();
    }

    public TwilioAccount fetchAccount(String sid) {
        return call(sid, () -> account(Account.fetcher(sid).fetch(client)));
    }

    /** The platform's subaccount with this FriendlyName, if one exists (made before a crash, say). */
    public Optional<TwilioAccount> findSubaccount(String friendlyName) {
        return call(friendlyName, () -> StreamSupport.stream(Account.reader().setFriendlyName(friendlyName)
                        .read(client).spliterator(), false)
                .filter(a -> friendlyName.equals(a.getFriendlyName()) && !a.getSid().equals(platformAccountSid()))
                .map(TwilioApi::account).findFirst());
    }

    public TwilioAccount createSubaccount(String friendlyName) {
        return call(friendlyName, () -> account(Account.creator().setFriendlyName(friendlyName).create(client)));
    }

    public List<Offer> available(NumberSearch search, int pageSize) {
        return call("the search", () -> {
            var reader = Local.reader(platformAccountSid(), search.country()).setPageSize((long) pageSize);
            if (search.areaCode() != null) {
                reader.setAreaCode(search.areaCode());
            }
            if (search.contains() != null) {
                reader.setContains(search.contains());
            }
            return reader.firstPage(client).getRecords().stream().map(l -> new Offer(
                    l.getPhoneNumber() == null ? null : l.getPhoneNumber().getEndpoint(),
                    l.getFriendlyName() == null ? null : l.getFriendlyName().getEndpoint(),
                    l.getLocality(), l.getRegion(), l.getIsoCountry(),
                    l.getCapabilities() != null && l.getCapabilities().getVoice(),
                    l.getCapabilities() != null && l.getCapabilities().getSms(),
                    l.getCapabilities() != null && l.getCapabilities().getMms())).toList();
        });
    }

    /** The number, when that Twilio account holds it. */
    public Optional<Held> held(String accountSid, String e164) {
        return call(e164, () -> StreamSupport.stream(IncomingPhoneNumber.reader(accountSid)
                        .setPhoneNumber(new PhoneNumber(e164)).read(client).spliterator(), false)
                .filter(n -> n.getPhoneNumber() != null && e164.equals(n.getPhoneNumber().getEndpoint()))
                .map(TwilioApi::held).findFirst());
    }

    /** Buys the number into that Twilio account, configured. */
    public Held buy(String accountSid, String e164, NumberConfiguration configuration) {
        return call(e164, () -> held(IncomingPhoneNumber.creator(accountSid, new PhoneNumber(e164))
                .setVoiceUrl(URI.create(configuration.voiceUrl())).setVoiceMethod(method(configuration.voiceMethod()))
                .setStatusCallback(URI.create(configuration.statusCallback()))
                .setStatusCallbackMethod(method(configuration.statusCallbackMethod()))
                .setSmsUrl(URI.create(configuration.smsUrl())).setSmsMethod(method(configuration.smsMethod()))
                .create(client)));
    }

    /** Sets the number's configuration at Twilio. */
    public Held configure(String accountSid, String phoneNumberSid, String e164, NumberConfiguration configuration) {
        return call(e164, () -> {
            IncomingPhoneNumberUpdater updater = IncomingPhoneNumber.updater(accountSid, phoneNumberSid)
                    .setVoiceUrl(URI.create(configuration.voiceUrl())).setVoiceMethod(method(configuration.voiceMethod()))
                    .setStatusCallback(URI.create(configuration.statusCallback()))
                    .setStatusCallbackMethod(method(configuration.statusCallbackMethod()))
                    .setSmsUrl(URI.create(configuration.smsUrl())).setSmsMethod(method(configuration.smsMethod()));
            return held(updater.update(client));
        });
    }

    /** The number as Twilio holds it now; empty when that account no longer holds it. */
    public Optional<Held> fetch(String accountSid, String phoneNumberSid, String e164) {
        try {
            return Optional.of(call(e164, () -> held(IncomingPhoneNumber.fetcher(accountSid, phoneNumberSid).fetch(client))));
        } catch (TwilioRefusedException e) {
            if (e.twilioStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Releases the number at Twilio; one Twilio no longer holds counts as released. */
    public void release(String accountSid, String phoneNumberSid, String e164) {
        try {
            call(e164, () -> IncomingPhoneNumber.deleter(accountSid, phoneNumberSid).delete(client));
        } catch (TwilioRefusedException e) {
            if (e.twilioStatus() != 404) {
                throw e;
            }
        }
    }

    private <T> T call(String subject, Supplier<T> request) {
        if (config.twilio().authToken().filter(t -> !t.isBlank()).isEmpty()) {
            throw new TwilioUnavailableException("the platform's Twilio credentials are not configured"
                    + " (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)", null);
        }
        try {
            return request.get();
        } catch (ApiException e) {
            switch (TwilioOutcome.of(e.getStatusCode())) {
                case REFUSED -> throw new TwilioRefusedException(subject, e.getStatusCode(), e.getCode(), e.getMessage());
                case NOT_AUTHORISED -> throw new TwilioUnavailableException("Twilio refused the platform's credentials"
                        + " (" + e.getStatusCode() + (e.getCode() == null ? "" : ", code " + e.getCode()) + ")", e);
                case UNAVAILABLE -> throw new TwilioUnavailableException(e.getStatusCode() == null
                        ? "Twilio could not be reached (" + rootMessage(e) + ")"
                        : "Twilio answered " + e.getStatusCode(), e);
                default -> throw new IllegalStateException();
            }
        } catch (TwilioException e) {
            throw new TwilioUnavailableException("Twilio could not be reached (" + rootMessage(e) + ")", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static TwilioAccount account(Account a) {
        return new TwilioAccount(a.getSid(), a.getFriendlyName(), a.getOwnerAccountSid());
    }

    private static Held held(IncomingPhoneNumber n) {
        return new Held(n.getSid(), n.getAccountSid(), n.getPhoneNumber() == null ? null : n.getPhoneNumber().getEndpoint(),
                new NumberConfiguration(text(n.getVoiceUrl()), text(n.getVoiceMethod()), text(n.getStatusCallback()),
                        text(n.getStatusCallbackMethod()), text(n.getSmsUrl()), text(n.getSmsMethod())));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static HttpMethod method(String name) {
        return HttpMethod.valueOf(name);
    }
}
