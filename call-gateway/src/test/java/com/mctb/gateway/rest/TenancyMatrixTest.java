package com.mctb.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TenancyMatrix;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every operation under /api/accounts/{accountId}/** of call-gateway's own OpenAPI document: no token 401, another
 * account's token 403 (test-kit's {@link TenancyMatrix}; an endpoint added later is in the matrix without an edit
 * here).
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class TenancyMatrixTest {

    @Test
    void everyAccountOperationNeedsATokenForThatAccount() {
        List<String> checked = TenancyMatrix.ofThisService().verify("tenant-a", "tenant-b");

        assertThat(checked).as("the document's account operations")
                .contains("GET /api/accounts/{accountId}/voicemails/{recordingSid}/audio");
    }
}
