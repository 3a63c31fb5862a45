package com.mctb.twilio.standin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers the stand-in offers for purchase: fictional North American numbers in the 555-0100…555-0199 range
 * (the range set aside for fiction), one hundred per area code below. Nothing here can ring a real phone.
 *
 * <table>
 *   <caption>The seeded pool</caption>
 *   <tr><th>country</th><th>area code</th><th>locality, region</th></tr>
 *   <tr><td>US</td><td>415</td><td>San Francisco, CA</td></tr>
 *   <tr><td>US</td><td>212</td><td>New York, NY</td></tr>
 *   <tr><td>US</td><td>312</td><td>Chicago, IL</td></tr>
 *   <tr><td>US</td><td>512</td><td>Austin, TX</td></tr>
 *   <tr><td>US</td><td>206</td><td>Seattle, WA</td></tr>
 *   <tr><td>US</td><td>305</td><td>Miami, FL</td></tr>
 *   <tr><td>CA</td><td>416</td><td>Toronto, ON</td></tr>
 *   <tr><td>CA</td><td>604</td><td>Vancouver, BC</td></tr>
 * </table>
 * A number of the pool is available while no account holds it; {@code +1 <area> 555-0100} to {@code …-0199}.
 */
final class NumberPool {

    /** One number Twilio would offer, with the place it belongs to. */
    record Offer(String phoneNumber, String isoCountry, String areaCode, String locality, String region,
            String postalCode, String rateCenter, String lata, double latitude, double longitude) {

        String friendlyName() {
            String national = phoneNumber.substring(2);
            return "(" + national.substring(0, 3) + ") " + national.substring(3, 6) + "-" + national.substring(6);
        }
    }

    private record Area(String isoCountry, String areaCode, String locality, String region, String postalCode,
            String rateCenter, String lata, double latitude, double longitude) {
    }

    private static final List<Area> AREAS = List.of(
            new Area("US", "415", "San Francisco", "CA", "94103", "SNFC CNTRL", "722", 37.7749, -122.4194),
            new Area("US", "212", "New York", "NY", "10001", "NWYRCYZN01", "132", 40.7128, -74.0060),
            new Area("US", "312", "Chicago", "IL", "60601", "CHCG ZN 01", "358", 41.8781, -87.6298),
            new Area("US", "512", "Austin", "TX", "78701", "AUSTIN", "558", 30.2672, -97.7431),
            new Area("US", "206", "Seattle", "WA", "98101", "SEATTLE", "674", 47.6062, -122.3321),
            new Area("US", "305", "Miami", "FL", "33101", "MIAMI", "460", 25.7617, -80.1918),
            new Area("CA", "416", "Toronto", "ON", "M5H", "TORONTO", "888", 43.6532, -79.3832),
            new Area("CA", "604", "Vancouver", "BC", "V6B", "VANCOUVER", "888", 49.2827, -123.1207));

    private final Map<String, Offer> offers = new LinkedHashMap<>();

    NumberPool() {
        for (Area area : AREAS) {
            for (int line = 100; line <= 199; line++) {
                String number = "+1" + area.areaCode() + "5550" + line;
                offers.put(number, new Offer(number, area.isoCountry(), area.areaCode(), area.locality(), area.region(),
                        area.postalCode(), area.rateCenter(), area.lata(), area.latitude(), area.longitude()));
            }
        }
    }

    Optional<Offer> offer(String phoneNumber) {
        return Optional.ofNullable(offers.get(phoneNumber));
    }

    boolean servesCountry(String isoCountry) {
        return AREAS.stream().anyMatch(a -> a.isoCountry().equals(isoCountry));
    }

    /** Offers of the country in pool order, filtered by area code and Twilio's Contains pattern. */
    List<Offer> search(String isoCountry, String areaCode, String contains) {
        String pattern = contains == null ? null : pattern(contains);
        List<Offer> found = new ArrayList<>();
        for (Offer offer : offers.values()) {
            if (!offer.isoCountry().equals(isoCountry) || (areaCode != null && !offer.areaCode().equals(areaCode))) {
                continue;
            }
            if (pattern != null && !offer.phoneNumber().substring(1).matches(".*" + pattern + ".*")) {
                continue;
            }
            found.add(offer);
        }
        return found;
    }

    /** Twilio's Contains: digits, letters (as on a phone keypad) and {@code *} for any one digit. */
    static String pattern(String contains) {
        StringBuilder regex = new StringBuilder();
        for (char c : contains.toUpperCase().toCharArray()) {
            if (c == '*') {
                regex.append("\\d");
            } else if (Character.isDigit(c)) {
                regex.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                regex.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ".indexOf(c) < 0 ? "" : keypad(c));
            } else {
                throw new IllegalArgumentException("Contains may hold only digits, letters and *: " + contains);
            }
        }
        return regex.toString();
    }

    private static char keypad(char letter) {
        String[] keys = {"ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"};
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].indexOf(letter) >= 0) {
                return (char) ('2' + i);
            }
        }
        throw new IllegalArgumentException(String.valueOf(letter));
    }
}
