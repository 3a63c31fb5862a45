package com.mctb.workflow.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON documents written in tests. */
public final class JsonTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The template as stored before "when" and the repeat window (it tagged '1st call' for ever). */
    public static final String OLD_TEMPLATE = """
            {"name": "Missed Call Text Back (after 20 minutes)", "trigger": {"type": "missed_call"},
             "allowReEntry": false, "endOnReply": true,
             "steps": [{"id": "wait-20-minutes", "type": "wait", "duration": "PT20M"},
               {"id": "first-call", "type": "if", "condition": {"type": "lacks_tag", "tag": "1st call"},
               "then": [{"id": "tag-first-call", "type": "add_tag", "tag": "1st call"},
                        {"id": "in-hours", "type": "if", "condition": {"type": "within_business_hours"},
                         "then": [{"id": "text-in-hours", "type": "send_whatsapp", "from": "+15557654321",
                                   "smsFallback": true, "body": "Hi {{contact.first_name | default: 'friend'}}, we'll call you back!"}],
                         "else": [{"id": "text-after-hours", "type": "send_whatsapp", "from": "+15557654321",
                                   "smsFallback": true, "body": "Closed now, back at 9."}]}],
               "else": [{"id": "tag-second-call", "type": "add_tag", "tag": "2nd call"}]}]}""";

    private JsonTestSupport() {
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
