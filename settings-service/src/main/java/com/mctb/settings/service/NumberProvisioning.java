package com.mctb.settings.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.settings.config.SettingsConfig;
import com.mctb.settings.domain.twilio.ConfigurationState;
import com.mctb.settings.domain.twilio.Drift;
import com.mctb.settings.domain.twilio.NumberConfiguration;
import com.mctb.settings.domain.twilio.NumberOrigin;
import com.mctb.settings.domain.twilio.PendingNumbers;
import com.mctb.settings.persistence.Account;
import com.mctb.settings.persistence.PendingNumber;
import com.mctb.settings.persistence.PhoneNumber;
import com.mctb.settings.twilio.TwilioApi;
import com.mctb.settings.twilio.TwilioRefusedException;
import com.mctb.settings.twilio.TwilioUnavailableException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Numbers come from Twilio: added by importing one the account's Twilio account holds, or buying it there, and
 * configured at Twilio (VoiceUrl, StatusCallback, SmsUrl) as they are added; removed, and released at Twilio when
 * asked. Each step at Twilio is bracketed by a {@link PendingNumber} row committed before Twilio is asked and deleted
 * with the recorded outcome, so a crash or a lost answer leaves a row {@link PendingNumberReconciler} settles by asking
 * Twilio, never a number the product has and Twilio does not, nor one bought at Twilio the product lost track of.
 */
@ApplicationScoped
public class NumberProvisioning {

    private static final Logger LOG = Logger.getLogger(NumberProvisioning.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AccountService accounts;

    @Inject
    TwilioAccountService twilioAccounts;

    @Inject
    TwilioApi twilio;

    @Inject
    SettingsConfig config;

    /** What every number is configured with at Twilio, from the public base URLs. */
    public NumberConfiguration expected() {
        return NumberConfiguration.expected(config.twilio().voicePublicBaseUrl(), config.twilio().messagingPublicBaseUrl());
    }

    /** Adds the number: imported when the account's Twilio account holds it, else bought there; configured either way. */
    public PhoneNumber add(String accountId, String e164, boolean makeDefault, String assignedUserId) {
        QuarkusTransaction.requiringNew().run(() -> {
            accounts.get(accountId);
            accounts.requireUser(accountId, assignedUserId);
            refuseIfTaken(accountId, e164);
        });
        String twilioAccountSid = twilioAccounts.ensure(accountId);
        PendingNumber pending = new PendingNumber();
        pending.number = e164;
        pending.accountId = accountId;
        pending.twilioAccountSid = twilioAccountSid;
        pending.operation = PendingNumbers.Operation.ADD;
        pending.makeDefault = makeDefault;
        pending.assignedUserId = assignedUserId;
        pending.createdAt = Instant.now();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                refuseIfTaken(accountId, e164);
                pending.persist();
            });
        } catch (RuntimeException e) {
            if (e instanceof ClientErrorException) {
                throw e;
            }
            throw new ClientErrorException(e164 + " is being added by another request; try again shortly",
                    Response.Status.CONFLICT);
        }
        boolean writing = false;
        try {
            Optional<TwilioApi.Held> held = twilio.held(twilioAccountSid, e164);
            NumberOrigin origin = held.isPresent() ? NumberOrigin.IMPORTED : NumberOrigin.BOUGHT;
            setOrigin(e164, origin);
            writing = true;
            NumberConfiguration expected = expected();
            TwilioApi.Held configured = held.isPresent()
                    ? twilio.configure(twilioAccountSid, held.get().sid(), e164, expected)
                    : twilio.buy(twilioAccountSid, e164, expected);
            return finish(e164, configured, origin);
        } catch (TwilioRefusedException e) {
            forget(e164);
            throw e;
        } catch (TwilioUnavailableException e) {
            if (!writing) {
                forget(e164); // nothing was asked of Twilio that could have changed anything
                throw e;
            }
            noteError(e164, e.getMessage());
            LOG.warnf("number add outcome unknown, left pending: account=%s number=%s (%s)", accountId,
                    PhoneNumbers.mask(e164), e.getMessage());
            throw new TwilioUnavailableException(e.getMessage() + "; " + e164 + " is not in the product: whether"
                    + " Twilio took it is settled by asking Twilio again shortly", e);
        }
    }

    /**
     * Records a number Twilio now holds for its pending row, in one transaction with the row's deletion: the number
     * enters the product, configured (or FAILED/DRIFTED as Twilio's configuration says).
     */
    PhoneNumber finish(String e164, TwilioApi.Held held, NumberOrigin origin) {
        return QuarkusTransaction.requiringNew().call(() -> {
            PendingNumber pending = PendingNumber.findById(e164);
            if (pending == null) {
                throw new IllegalStateException("no pending row for " + e164);
            }
            Account account = accounts.lockForChange(pending.accountId);
            PhoneNumber existing = PhoneNumber.findById(e164);
            pending.delete();
            if (existing != null) {
                return existing;
            }
            PhoneNumber number = new PhoneNumber();
            number.number = e164;
            number.assignedUserId = pending.assignedUserId;
            number.twilioAccountSid = held.accountSid() == null ? pending.twilioAccountSid : held.accountSid();
            number.phoneNumberSid = held.sid();
            number.origin = origin;
            apply(number, expected().driftOf(held.configuration()));
            return accounts.recordNumber(account, number, pending.makeDefault);
        });
    }

    /** Removes the number from the product; with {@code release}, releases it at Twilio too. */
    public boolean remove(String accountId, String e164, boolean release) {
        if (!release) {
            accounts.removeNumber(accountId, e164);
            return true;
        }
        PendingNumber[] pending = new PendingNumber[1];
        accounts.removeNumber(accountId, e164, number -> {
            if (number.phoneNumberSid == null) {
                throw new ClientErrorException(e164 + " was not added through Twilio: remove it without release=true",
                        422);
            }
            if (PendingNumber.findById(e164) != null) {
                throw new ClientErrorException(e164 + " is being added or released; try again shortly",
                        Response.Status.CONFLICT);
            }
            PendingNumber row = new PendingNumber();
            row.number = e164;
            row.accountId = accountId;
            row.twilioAccountSid = number.twilioAccountSid;
            row.phoneNumberSid = number.phoneNumberSid;
            row.operation = PendingNumbers.Operation.RELEASE;
            row.createdAt = Instant.now();
            row.persist();
            pending[0] = row;
        });
        try {
            twilio.release(pending[0].twilioAccountSid, pending[0].phoneNumberSid, e164);
            forget(e164);
            LOG.infof("number released at Twilio: account=%s number=%s", accountId, PhoneNumbers.mask(e164));
            return true;
        } catch (TwilioUnavailableException | TwilioRefusedException e) {
            noteError(e164, e.getMessage());
            LOG.warnf("number removed, its release at Twilio left pending: account=%s number=%s (%s)", accountId,
                    PhoneNumbers.mask(e164), e.getMessage());
            return false;
        }
    }

    /** Re-applies the number's configuration at Twilio. */
    public PhoneNumber configure(String accountId, String e164) {
        PhoneNumber number = heldNumber(accountId, e164);
        try {
            TwilioApi.Held held = twilio.configure(number.twilioAccountSid, number.phoneNumberSid, e164, expected());
            return record(e164, expected().driftOf(held.configuration()), null);
        } catch (TwilioRefusedException | TwilioUnavailableException e) {
            record(e164, null, ConfigurationState.FAILED);
            throw e;
        }
    }

    /**
     * Compares the number's configuration at Twilio with what it should be, and records what it found; when Twilio
     * cannot be asked, the last finding stands.
     */
    public PhoneNumber check(String accountId, String e164) {
        PhoneNumber number = QuarkusTransaction.requiringNew().call(() -> accounts.number(accountId, e164));
        if (number.phoneNumberSid == null) {
            return number;
        }
        try {
            Optional<TwilioApi.Held> held = twilio.fetch(number.twilioAccountSid, number.phoneNumberSid, e164);
            List<Drift> drift = held.map(h -> expected().driftOf(h.configuration()))
                    .orElseGet(() -> List.of(new Drift("accountSid", number.twilioAccountSid, null)));
            return record(e164, drift, null);
        } catch (TwilioUnavailableException | TwilioRefusedException e) {
            LOG.debugf("drift check of %s skipped: %s", PhoneNumbers.mask(e164), e.getMessage());
            return number;
        }
    }

    /** One number's failure in a bulk run. */
    public record Failure(String accountId, String number, String reason) {
    }

    /** Re-applies every number's configuration (after a change of public base URL); the ones that failed, why. */
    public List<Failure> configureAll(List<String> configured) {
        List<Failure> failed = new ArrayList<>();
        for (PhoneNumber n : QuarkusTransaction.requiringNew().call(PhoneNumber::heldAtTwilio)) {
            try {
                configure(n.accountId, n.number);
                configured.add(n.number);
            } catch (RuntimeException e) {
                failed.add(new Failure(n.accountId, n.number, e.getMessage()));
            }
        }
        return failed;
    }

    /** Checks every number held at Twilio; returns how many drifted. */
    public int checkAll() {
        int drifted = 0;
        for (PhoneNumber n : QuarkusTransaction.requiringNew().call(PhoneNumber::heldAtTwilio)) {
            try {
                if (check(n.accountId, n.number).configuration == ConfigurationState.DRIFTED) {
                    drifted++;
                }
            } catch (NotFoundException e) {
                // removed meanwhile
            }
        }
        return drifted;
    }

    public static List<Drift> driftOf(PhoneNumber number) {
        if (number.drift == null || number.drift.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(number.drift, new TypeReference<List<Drift>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private PhoneNumber heldNumber(String accountId, String e164) {
        PhoneNumber number = QuarkusTransaction.requiringNew().call(() -> accounts.number(accountId, e164));
        if (number.phoneNumberSid == null) {
            throw new ClientErrorException(e164 + " was not added through Twilio (no IncomingPhoneNumber SID): remove it"
                    + " and add it with POST /api/accounts/" + accountId + "/numbers", 422);
        }
        return number;
    }

    private PhoneNumber record(String e164, List<Drift> drift, ConfigurationState state) {
        return QuarkusTransaction.requiringNew().call(() -> {
            PhoneNumber number = PhoneNumber.findById(e164);
            if (number == null) {
                throw new NotFoundException("no number " + e164);
            }
            if (state != null) {
                number.configuration = state;
                number.checkedAt = Instant.now();
            } else {
                apply(number, drift);
            }
            return number;
        });
    }

    private static void apply(PhoneNumber number, List<Drift> drift) {
        number.configuration = ConfigurationState.of(drift);
        try {
            number.drift = JSON.writeValueAsString(drift);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        number.checkedAt = Instant.now();
    }

    private static void refuseIfTaken(String accountId, String e164) {
        PhoneNumber number = PhoneNumber.findById(e164);
        if (number != null && !number.accountId.equals(accountId)) {
            throw new ClientErrorException("number " + e164 + " is held by another account", Response.Status.CONFLICT);
        }
        if (number != null) {
            throw new ClientErrorException("account " + accountId + " already has " + e164 + "; change it with PUT"
                    + " /api/accounts/" + accountId + "/numbers/" + e164, Response.Status.CONFLICT);
        }
        PendingNumber pending = PendingNumber.findById(e164);
        if (pending != null && !pending.accountId.equals(accountId)) {
            throw new ClientErrorException("number " + e164 + " is held by another account", Response.Status.CONFLICT);
        }
        if (pending != null) {
            throw new ClientErrorException(e164 + " is being " + (pending.operation == PendingNumbers.Operation.ADD
                    ? "added" : "released") + " (since " + pending.createdAt + "); try again shortly",
                    Response.Status.CONFLICT);
        }
    }

    private static void setOrigin(String e164, NumberOrigin origin) {
        QuarkusTransaction.requiringNew().run(() -> {
            PendingNumber row = PendingNumber.findById(e164);
            if (row != null) {
                row.origin = origin;
            }
        });
    }

    static void forget(String e164) {
        QuarkusTransaction.requiringNew().run(() -> PendingNumber.deleteById(e164));
    }

    private static void noteError(String e164, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            PendingNumber row = PendingNumber.findById(e164);
            if (row != null) {
                row.lastError = error;
            }
        });
    }
}
