package com.mctb.settings.service;

import com.mctb.settings.domain.SettingsChange;
import com.mctb.settings.domain.twilio.TwilioAccountSource;
import com.mctb.settings.domain.twilio.TwilioSids;
import com.mctb.settings.messaging.SettingsPublisher;
import com.mctb.settings.persistence.Account;
import com.mctb.settings.twilio.TwilioApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * Ties each account to a Twilio account: a subaccount of the platform's (made on demand, found again by its
 * FriendlyName {@code mctb <accountId>} if one was made before a crash), or an existing account an operator links.
 * Only the AccountSid is kept; the subaccount's auth token is never read into the product.
 */
@ApplicationScoped
public class TwilioAccountService {

    private static final Logger LOG = Logger.getLogger(TwilioAccountService.class);

    @Inject
    AccountService accounts;

    @Inject
    TwilioApi twilio;

    @Inject
    SettingsPublisher publisher;

    public Account get(String accountId) {
        return accounts.get(accountId);
    }

    /** Links an existing Twilio account the platform's credentials can fetch. */
    public Account link(String accountId, String accountSid) {
        accounts.get(accountId);
        if (!TwilioSids.isAccountSid(accountSid)) {
            throw new InvalidFieldsException("accountSid", "'" + accountSid + "' is not a Twilio AccountSid (AC and 32 hex digits)");
        }
        TwilioApi.TwilioAccount found = twilio.fetchAccount(accountSid);
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = accounts.lockForChange(accountId);
            refuseIfTiedElsewhere(accountId, accountSid);
            account.twilioAccountSid = accountSid;
            account.twilioAccountSource = TwilioAccountSource.LINKED;
            account.twilioFriendlyName = found.friendlyName();
            publisher.publish(account, SettingsChange.TWILIO_ACCOUNT);
            LOG.infof("twilio account linked: account=%s twilioAccount=%s", accountId, accountSid);
            return account;
        });
    }

    /** Makes the account's subaccount; 409 when the account already has a Twilio account. */
    public Account createSubaccount(String accountId) {
        Account account = QuarkusTransaction.requiringNew().call(() -> accounts.get(accountId));
        if (account.twilioAccountSid != null) {
            throw new ClientErrorException("account " + accountId + " is already tied to Twilio account "
                    + account.twilioAccountSid, Response.Status.CONFLICT);
        }
        ensure(accountId);
        // Read in a transaction of its own: the request's session still holds the account as it was before.
        return QuarkusTransaction.requiringNew().call(() -> accounts.get(accountId));
    }

    /** The account's Twilio AccountSid, its subaccount made first when it has none. */
    public String ensure(String accountId) {
        Account account = QuarkusTransaction.requiringNew().call(() -> accounts.get(accountId));
        if (account.twilioAccountSid != null) {
            return account.twilioAccountSid;
        }
        String name = TwilioAccountSource.subaccountName(accountId);
        TwilioApi.TwilioAccount sub = twilio.findSubaccount(name).orElseGet(() -> twilio.createSubaccount(name));
        return QuarkusTransaction.requiringNew().call(() -> {
            Account locked = accounts.lockForChange(accountId);
            if (locked.twilioAccountSid != null) {
                return locked.twilioAccountSid; // another request tied it meanwhile
            }
            refuseIfTiedElsewhere(accountId, sub.sid());
            locked.twilioAccountSid = sub.sid();
            locked.twilioAccountSource = TwilioAccountSource.SUBACCOUNT;
            locked.twilioFriendlyName = sub.friendlyName();
            publisher.publish(locked, SettingsChange.TWILIO_ACCOUNT);
            LOG.infof("twilio subaccount tied: account=%s twilioAccount=%s", accountId, sub.sid());
            return sub.sid();
        });
    }

    private static void refuseIfTiedElsewhere(String accountId, String accountSid) {
        Account.byTwilioAccount(accountSid).filter(other -> !other.id.equals(accountId)).ifPresent(other -> {
            throw new ClientErrorException("Twilio account " + accountSid + " is already tied to another account",
                    Response.Status.CONFLICT);
        });
    }
}
