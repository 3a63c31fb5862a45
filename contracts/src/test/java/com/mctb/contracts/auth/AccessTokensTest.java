package com.mctb.contracts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    @Test
    void anAccountTokenIsAnRs256JwtNamingItsAccountAndVerifiableWithThePublicKey() throws Exception {
        KeyPair keys = AccessTokens.newKeyPair();
        String token = AccessTokens.forAccount(keys.getPrivate(), "glow", Duration.ofHours(1));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("iss").asText()).isEqualTo("mctb");
        assertThat(claims.get("account_id").asText()).isEqualTo("glow");
        assertThat(claims.get("groups").get(0).asText()).isEqualTo("account");
        assertThat(claims.get("exp").asLong()).isGreaterThan(claims.get("iat").asLong());

        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(keys.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void aPrivateKeySurvivesPem() {
        KeyPair keys = AccessTokens.newKeyPair();

        assertThat(AccessTokens.readPrivateKeyPem(AccessTokens.privateKeyPem(keys.getPrivate())))
                .isEqualTo(keys.getPrivate());
        assertThat(AccessTokens.publicKeyPem(keys.getPublic())).startsWith("-----BEGIN PUBLIC KEY-----\n");
    }
}
