package com.mctb.messaging.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TenancyMatrix;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every operation under /api/accounts/{accountId}/** of messaging-service's own OpenAPI document: no token 401,
 * another account's token 403; the plan's settings (the monthly limit, the recipient countries) 403 to the
 * account's own tenant token too: an operator sets them (test-kit's {@link TenancyMatrix}; an endpoint added later
 * is in the matrix without an edit here).
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class TenancyMatrixTest {

    @Test
    void everyAccountOperationNeedsATokenForThatAccountAndThePlanAnOperators() {
        List<String> checked = TenancyMatrix.ofThisService()
                .operatorOnly("PUT /api/accounts/{accountId}/messaging-limit")
                .operatorOnly("PUT /api/accounts/{accountId}/recipient-countries")
                .verify("tenant-a", "tenant-b");

        assertThat(checked).as("the document's account operations").contains(
                "GET /api/accounts/{accountId}/usage",
                "GET /api/accounts/{accountId}/messages",
                "GET /api/accounts/{accountId}/messaging-limit",
                "GET /api/accounts/{accountId}/recipient-countries",
                "PUT /api/accounts/{accountId}/messaging-limit (operator only)",
                "PUT /api/accounts/{accountId}/recipient-countries (operator only)");
    }
}
