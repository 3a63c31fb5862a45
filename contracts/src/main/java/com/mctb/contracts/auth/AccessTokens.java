package com.mctb.contracts.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The credential every {@code /api/accounts/{accountId}/**} call carries: a JWT (RS256) from the platform's issuer
 * with the account it is for in {@value #ACCOUNT_CLAIM}, or the {@value #ADMIN_GROUP} group for operators. The
 * services verify it with SmallRye JWT against the issuer's public key; this class mints them for the tools that
 * need to (the local stack's {@code ./mctb token}, the demo, tests). Minting is written out here (a JWS is a signed
 * pair of Base64url JSON documents) so those tools need nothing beyond the JDK and Jackson.
 */
public final class AccessTokens {

    public static final String ISSUER = "mctb";
    public static final String ACCOUNT_CLAIM = "account_id";
    public static final String ACCOUNT_GROUP = "account";
    public static final String ADMIN_GROUP = "admin";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private AccessTokens() {
    }

    /** A token that may act on one account only. */
    public static String forAccount(PrivateKey issuerKey, String accountId, Duration validFor) {
        Map<String, Object> claims = base("account:" + accountId, validFor);
        claims.put("groups", List.of(ACCOUNT_GROUP));
        claims.put(ACCOUNT_CLAIM, accountId);
        return sign(issuerKey, claims);
    }

    /** A token for an operator: every account. */
    public static String forAdmin(PrivateKey issuerKey, String operator, Duration validFor) {
        Map<String, Object> claims = base(operator, validFor);
        claims.put("groups", List.of(ADMIN_GROUP));
        return sign(issuerKey, claims);
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String privateKeyPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static PrivateKey readPrivateKeyPem(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key in PKCS#8 PEM", e);
        }
    }

    private static Map<String, Object> base(String subject, Duration validFor) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(validFor).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    private static String sign(PrivateKey key, Map<String, Object> claims) {
        try {
            String signingInput = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT"))) + "."
                    + b64(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String b64(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
