package com.mctb.workflow.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.workflow.support.Flows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class WorkflowResourceTest {

    private static final String NUMBER = "+15557659001";
    private static final String DEFINITION = """
            {"name": "Follow-up", "description": "Text after a while",
             "trigger": {"type": "missed_call", "numbers": ["+15557659001"], "dialStatuses": ["no-answer"]},
             "steps": [{"id": "wait", "type": "wait", "duration": "PT5M"},
                       {"id": "text", "type": "send_sms", "from": "+15557659001", "body": "Hi {{contact.first_name | default: \\"there\\"}}"}]}""";

    private static boolean known;

    @BeforeEach
    void theAccountIsKnown() {
        if (!known) {
            Flows.profile("wf-crud", "Bright Smiles", NUMBER);
            known = true;
        }
    }

    @Test
    void aDefinitionIsSavedVersionedAndActivated() {
        String id = post("wf-crud", DEFINITION).statusCode(201)
                .body("name", equalTo("Follow-up"))
                .body("active", equalTo(false))
                .body("version", equalTo(1))
                .body("definition.steps[1].body", equalTo("Hi {{contact.first_name | default: \"there\"}}"))
                .extract().path("id");

        TestTokens.as("wf-crud").contentType(ContentType.JSON).body(DEFINITION.replace("Follow-up", "Follow-up v2")
                        .replace("PT5M", "PT10M"))
                .put("/api/accounts/wf-crud/workflows/" + id).then().statusCode(200)
                .body("version", equalTo(2)).body("name", equalTo("Follow-up v2"));
        TestTokens.as("wf-crud").get("/api/accounts/wf-crud/workflows/" + id + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2))).body("name", equalTo(List.of("Follow-up", "Follow-up v2")));
        TestTokens.as("wf-crud").get("/api/accounts/wf-crud/workflows/" + id + "/versions/1").then().statusCode(200)
                .body("definition.steps[0].duration", equalTo("PT5M"));
        TestTokens.as("wf-crud").get("/api/accounts/wf-crud/workflows/" + id + "/versions/9").then().statusCode(404);

        TestTokens.as("wf-crud").post("/api/accounts/wf-crud/workflows/" + id + "/activate").then().statusCode(200)
                .body("active", equalTo(true));
        TestTokens.as("wf-crud").get("/api/accounts/wf-crud/workflows/missed-call/active").then()
                .body("active", equalTo(true)).body("workflows.id", hasItem(id))
                .body("workflows.find { it.id == '" + id + "' }.version", equalTo(2));
        TestTokens.as("wf-crud").post("/api/accounts/wf-crud/workflows/" + id + "/deactivate").then().statusCode(200)
                .body("active", equalTo(false));
        TestTokens.as("wf-crud").get("/api/accounts/wf-crud/workflows/" + id).then().statusCode(200)
                .body("version", equalTo(2)).body("definition.steps[0].duration", equalTo("PT10M"));

        TestTokens.as("wf-crud").delete("/api/accounts/wf-crud/workflows/" + id).then().statusCode(204);
        TestTokens.as("wf-crud").get("/api/accounts/wf-crud/workflows/" + id).then().statusCode(404);
        TestTokens.as("wf-crud").get("/api/accounts/wf-crud/workflows").then().body("id", org.hamcrest.Matchers.not(hasItem(id)));
    }

    @Test
    void anUnknownStepIsA400NamingTheStep() {
        post("wf-crud", """
                {"name": "x", "steps": [{"id": "hello", "type": "send_sms", "body": "hi"},
                                        {"id": "fax", "type": "send_fax", "body": "hi"}]}""")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("steps[1].type"))
                .body("errors[0].message", startsWith("step 'fax': unknown step type 'send_fax'"))
                .body("detail", containsString("steps[1].type: step 'fax'"));
    }

    @Test
    void aBadDurationIsA400NamingTheStep() {
        post("wf-crud", """
                {"name": "x", "steps": [{"id": "pause", "type": "wait", "duration": "a while"}]}""")
                .statusCode(400)
                .body("errors[0].field", equalTo("steps[0].duration"))
                .body("errors[0].message", startsWith("step 'pause': 'a while' is not a duration"));
    }

    @Test
    void aBadTemplateIsA400NamingTheStep() {
        post("wf-crud", """
                {"name": "x", "steps": [{"id": "greet", "type": "if", "condition": {"type": "has_tag", "tag": "vip"},
                  "then": [{"id": "vip-text", "type": "send_sms", "body": "Hi {{contact.nickname}}"}]}]}""")
                .statusCode(400)
                .body("errors[0].field", equalTo("steps[0].then[0].body"))
                .body("errors[0].message", startsWith("step 'vip-text': unknown merge field 'contact.nickname'"));
    }

    @Test
    void aFromNumberTheAccountDoesNotOwnIsA400NamingTheStep() {
        post("wf-crud", """
                {"name": "x", "steps": [{"id": "text", "type": "send_whatsapp", "from": "+15550000000", "body": "hi"}]}""")
                .statusCode(400)
                .body("errors[0].field", equalTo("steps[0].from"))
                .body("errors[0].message", equalTo("step 'text': +15550000000 is not one of the account's numbers (+15557659001)"));
        post("wf-crud-unknown", """
                {"name": "x", "trigger": {"numbers": ["+15557659001"]}, "steps": [{"type": "end"}]}""")
                .statusCode(400)
                .body("errors[0].field", equalTo("trigger.numbers[0]"))
                .body("errors[0].message", containsString("(none are known yet)"));
    }

    @Test
    void bodiesThatAreNotDefinitionsAreA400() {
        TestTokens.as("wf-crud").contentType(ContentType.JSON).body("[1]").post("/api/accounts/wf-crud/workflows")
                .then().statusCode(400).body("errors[0].field", equalTo("definition"));
        TestTokens.as("wf-crud").contentType(ContentType.JSON).body("{\"name\": ").post("/api/accounts/wf-crud/workflows")
                .then().statusCode(400).contentType("application/problem+json");
        TestTokens.as("wf-crud").contentType(ContentType.JSON).body("{}").post("/api/accounts/wf-crud/workflows")
                .then().statusCode(400).body("errors.field", equalTo(List.of("name", "steps")));
    }

    @Test
    void anInvalidNewVersionLeavesTheCurrentOneInPlace() {
        String id = post("wf-crud", DEFINITION).statusCode(201).extract().path("id");

        TestTokens.as("wf-crud").contentType(ContentType.JSON).body(DEFINITION.replace("PT5M", "forever"))
                .put("/api/accounts/wf-crud/workflows/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("steps[0].duration"));
        TestTokens.as("wf-crud").get("/api/accounts/wf-crud/workflows/" + id).then().body("version", equalTo(1));
    }

    @Test
    void workflowsAreScopedToTheirAccount() {
        String id = post("wf-crud", DEFINITION).statusCode(201).extract().path("id");

        TestTokens.as("wf-other").get("/api/accounts/wf-other/workflows/" + id).then().statusCode(404);
        TestTokens.as("wf-other").post("/api/accounts/wf-other/workflows/" + id + "/activate").then().statusCode(404);
        TestTokens.as("wf-other").get("/api/accounts/wf-crud/workflows/" + id).then().statusCode(403);
        TestTokens.as("wf-crud").get("/api/accounts/wf-crud/workflows/not-a-uuid").then().statusCode(404);
    }

    @Test
    void thePreviewRendersForAContactWithEncodingAndSegments() {
        String contact = Flows.contact("wf-crud", "+15551239001", "Dana");

        preview(Map.of("body", "Hi {{contact.first_name | default: \"there\"}}, thanks for calling {{business.name}} "
                + "on {{call.to}}.", "contactId", contact)).statusCode(200)
                .body("text", equalTo("Hi Dana, thanks for calling Bright Smiles on +15557659001."))
                .body("encoding", equalTo("GSM-7"))
                .body("segments", equalTo(1))
                .body("characters", equalTo("Hi Dana, thanks for calling Bright Smiles on +15557659001.".length()));
        preview(Map.of("body", "Hi {{contact.first_name | default: \"there\"}} 😊 " + "x".repeat(70), "phone", "+15551239999"))
                .statusCode(200)
                .body("text", startsWith("Hi there 😊"))
                .body("encoding", equalTo("UCS-2"))
                .body("segments", equalTo(2));
        preview(Map.of("body", "Hi {{contact.first_name}}", "phone", "+15551239001")).statusCode(200)
                .body("text", equalTo("Hi Dana"));
    }

    @Test
    void thePreviewRendersInjectionAttemptsLiterally() {
        String contact = Flows.contact("wf-crud", "+15551239002", "{{business.name}} ${7*7} {#if}");

        preview(Map.of("body", "Hi {{contact.first_name}}", "contactId", contact)).statusCode(200)
                .body("text", equalTo("Hi {{business.name}} ${7*7} {#if}"));
    }

    @Test
    void aPreviewOfABadTemplateIsA400NamingTheBody() {
        preview(Map.of("body", "Hi {{contact.first_name")).statusCode(400)
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", equalTo("'{{' at character 4 is not closed with '}}'"));
        preview(Map.of("body", "{{business.name | shout}}")).statusCode(400).body("errors[0].field", equalTo("body"));
        preview(Map.of("phone", "+15551239001")).statusCode(400).body("errors[0].field", equalTo("body"));
        preview(Map.of("body", "hi", "contactId", "00000000-0000-0000-0000-000000000000")).statusCode(404);
    }

    private static ValidatableResponse post(String account, String json) {
        return TestTokens.as(account).contentType(ContentType.JSON).body(json)
                .post("/api/accounts/" + account + "/workflows").then();
    }

    private static ValidatableResponse preview(Map<String, String> body) {
        return TestTokens.as("wf-crud").contentType(ContentType.JSON).body(body)
                .post("/api/accounts/wf-crud/workflows/preview").then();
    }

    @Test
    void theWorkflowListShowsEachAtItsCurrentVersion() {
        Flows.profile("wf-list", "Listed", "+15557659002");
        post("wf-list", "{\"name\": \"one\", \"steps\": [{\"type\": \"end\"}]}").statusCode(201);
        post("wf-list", "{\"name\": \"two\", \"steps\": [{\"type\": \"end\"}]}").statusCode(201);

        assertThat(TestTokens.as("wf-list").get("/api/accounts/wf-list/workflows").then().statusCode(200)
                .body("", hasSize(2)).extract().jsonPath().getList("name")).containsExactly("one", "two");
    }
}
