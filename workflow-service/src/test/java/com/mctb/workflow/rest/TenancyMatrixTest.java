package com.mctb.workflow.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TenancyMatrix;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every operation under /api/accounts/{accountId}/** of workflow-service's own OpenAPI document: no token 401,
 * another account's token 403 (test-kit's {@link TenancyMatrix}; an endpoint added later is in the matrix without
 * an edit here).
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class TenancyMatrixTest {

    @Test
    void everyAccountOperationNeedsATokenForThatAccount() {
        List<String> checked = TenancyMatrix.ofThisService().verify("tenant-a", "tenant-b");

        assertThat(checked).as("the document's account operations").hasSizeGreaterThanOrEqualTo(20).contains(
                "GET /api/accounts/{accountId}/workflows",
                "POST /api/accounts/{accountId}/workflows/{workflowId}/activate",
                "GET /api/accounts/{accountId}/workflows/{workflowId}/versions/{version}",
                "DELETE /api/accounts/{accountId}/contacts/{contactId}/tags/{tag}",
                "GET /api/accounts/{accountId}/conversations",
                "POST /api/accounts/{accountId}/conversations/{contactId}/messages",
                "GET /api/accounts/{accountId}/calls/{callSid}/journey",
                "PUT /api/accounts/{accountId}/quiet-hours",
                "GET /api/accounts/{accountId}/business-profile");
    }
}
