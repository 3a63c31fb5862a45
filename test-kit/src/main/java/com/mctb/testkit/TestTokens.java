package com.mctb.testkit;

import com.mctb.contracts.auth.AccessTokens;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.security.KeyPair;
import java.time.Duration;

/**
 * Credentials for a test JVM: a key pair made at start (its public key is handed to the service under test by
 * {@link KafkaAndPostgres}), and tokens signed with it.
 */
public final class TestTokens {

    private static final KeyPair KEYS = AccessTokens.newKeyPair();

    private TestTokens() {
    }

    /** The public key as a PEM file, for {@code mp.jwt.verify.publickey.location}. */
    public static synchronized String publicKeyFile() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("mctb-test-issuer", ".pem");
            file.toFile().deleteOnExit();
            java.nio.file.Files.writeString(file, AccessTokens.publicKeyPem(KEYS.getPublic()));
            return file.toAbsolutePath().toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String forAccount(String accountId) {
        return AccessTokens.forAccount(KEYS.getPrivate(), accountId, Duration.ofHours(1));
    }

    public static String admin() {
        return AccessTokens.forAdmin(KEYS.getPrivate(), "test-operator", Duration.ofHours(1));
    }

    /** A request as the given account: {@code as("glow").get("/api/accounts/glow/...")}. */
    public static RequestSpecification as(String accountId) {
        return RestAssured.given().auth().oauth2(forAccount(accountId));
    }
}
