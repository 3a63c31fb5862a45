package com.mctb.settings.rest;

import com.mctb.settings.persistence.Account;
import java.util.List;

public record AccountResponse(String id, String businessName, String timeZone, List<String> numbers,
        String defaultNumber, long version) {

    static AccountResponse of(Account account, List<com.mctb.settings.persistence.PhoneNumber> numbers) {
        return new AccountResponse(account.id, account.businessName, account.timeZone,
                numbers.stream().map(n -> n.number).toList(),
                numbers.stream().filter(n -> n.isDefault).map(n -> n.number).findFirst().orElse(null),
                account.version);
    }
}
