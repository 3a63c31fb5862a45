package com.mctb.messaging.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The countries an account may text, a plan setting the operator owns: the plan's list when one is set, else the
 * countries of the account's own numbers (its Business Profile's), else — an account whose numbers are not known
 * yet — the country of the number the text is sent from. Countries are ISO 3166 alpha-2 codes as libphonenumber
 * names regions; a number is in the region libphonenumber gives it, or, for a number no region claims (the fictional
 * +1 555 numbers), the main region of its country calling code.
 *
 * @param countries the allowed countries, upper case, sorted
 * @param source    where they come from
 */
public record RecipientCountries(Set<String> countries, Source source) {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** Where an account's allowed countries come from. */
    public enum Source {
        /** The countries of the account's own numbers. */
        DEFAULT,
        /** Set by an operator. */
        PLAN
    }

    public RecipientCountries {
        countries = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(countries));
    }

    /**
     * @param plan          the operator's list, or null for the default
     * @param ownNumbers    the account's numbers in E.164
     * @param sendingNumber the number a text is sent from, for an account whose numbers are not known (may be null)
     */
    public static RecipientCountries of(Collection<String> plan, Collection<String> ownNumbers, String sendingNumber) {
        if (plan != null) {
            return new RecipientCountries(plan.stream().map(c -> c.trim().toUpperCase(Locale.ROOT))
                    .collect(java.util.stream.Collectors.toSet()), Source.PLAN);
        }
        Set<String> own = new TreeSet<>();
        ownNumbers.forEach(n -> countryOf(n).ifPresent(own::add));
        if (own.isEmpty() && sendingNumber != null) {
            countryOf(sendingNumber).ifPresent(own::add);
        }
        return new RecipientCountries(own, Source.DEFAULT);
    }

    /** Why a text to {@code recipient} may not be sent, naming its country; empty when it may. */
    public Optional<String> refusal(String recipient) {
        Optional<String> country = countryOf(recipient);
        if (country.isPresent() && countries.contains(country.get())) {
            return Optional.empty();
        }
        String allowed = countries.isEmpty() ? "no country" : String.join(", ", new TreeSet<>(countries));
        return Optional.of(country.map(c -> "the recipient's country " + c + " (" + name(c) + ")")
                .orElse("the recipient's country (none could be told from the number)")
                + " is not one this account may text: " + allowed
                + (source == Source.DEFAULT ? " (the countries of its own numbers)" : " (its plan)"));
    }

    /** The country of a number in E.164, when one can be told. */
    public static Optional<String> countryOf(String e164) {
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(e164, "ZZ");
            String region = UTIL.getRegionCodeForNumber(number);
            if (region == null || region.equals("ZZ") || region.equals("001")) {
                region = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
            }
            return region == null || region.equals("ZZ") || region.equals("001") ? Optional.empty() : Optional.of(region);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The codes of {@code codes} that are not countries numbers can be in, as given. */
    public static List<String> unknownCodes(Collection<String> codes) {
        Set<String> regions = UTIL.getSupportedRegions();
        return codes.stream().filter(c -> c == null || !regions.contains(c.trim().toUpperCase(Locale.ROOT))).toList();
    }

    private static String name(String country) {
        return new Locale("", country).getDisplayCountry(Locale.ENGLISH);
    }
}
