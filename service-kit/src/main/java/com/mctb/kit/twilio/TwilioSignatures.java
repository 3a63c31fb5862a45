package com.mctb.kit.twilio;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * X-Twilio-Signature as Twilio computes it: HMAC-SHA1, keyed with the account's auth token, over the URL Twilio
 * called followed by each POST parameter's name and value sorted by name, Base64-encoded. The same as the SDK's
 * {@code RequestValidator}, which this replaces on the hot path because it sets up a {@link Mac} per request and
 * always computes two HMACs (the URL with and without its port). Here a {@code Mac} is kept per thread and token, and
 * the URL as configured is tried first; only a request that does not match it is tried with the port added or
 * removed (which Twilio may have done), so a valid webhook costs one HMAC.
 */
public final class TwilioSignatures {

    private static final String ALGORITHM = "HmacSHA1";
    /** Few tokens per service (the main account and its subaccounts): one Mac each per thread. */
    private static final int MAX_KEYS_PER_THREAD = 64;
    private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(HashMap::new);

    private TwilioSignatures() {
    }

    /** True when {@code signature} is Twilio's for this URL and these parameters, signed with {@code authToken}. */
    public static boolean matches(String authToken, String url, Map<String, String> params, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] expected = signature.getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(expected, sign(authToken, url, params).getBytes(StandardCharsets.US_ASCII))) {
            return true;
        }
        String other = otherPortForm(url);
        return other != null
                && MessageDigest.isEqual(expected, sign(authToken, other, params).getBytes(StandardCharsets.US_ASCII));
    }

    /** The signature Twilio sends for this request. */
    public static String sign(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url.length() + 64 * params.size()).append(url);
        (params instanceof TreeMap ? params : new TreeMap<>(params))
                .forEach((name, value) -> data.append(name).append(value == null ? "" : value));
        return Base64.getEncoder().encodeToString(mac(authToken).doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Mac mac(String authToken) {
        Map<String, Mac> macs = MACS.get();
        Mac mac = macs.get(authToken);
        if (mac == null) {
            if (macs.size() >= MAX_KEYS_PER_THREAD) {
                macs.clear();
            }
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
            }
            macs.put(authToken, mac);
        }
        return mac; // doFinal resets it for the next use
    }

    /** The URL with its default port removed if it names one, added if it names none (as the SDK also tries). */
    static String otherPortForm(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getRawAuthority() == null) {
                return null;
            }
            int defaultPort = "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
            String host = uri.getHost();
            if (host == null || defaultPort < 0) {
                return null;
            }
            String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
            String authority = uri.getPort() == -1 ? userInfo + host + ":" + defaultPort : userInfo + host;
            String rest = url.substring(url.indexOf(uri.getRawAuthority()) + uri.getRawAuthority().length());
            return scheme + "://" + authority + rest;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
