package com.mctb.workflow.domain;

/**
 * The built-in missed-call text: "Hi {first name or 'there'}, sorry we missed your call at {business name}. How can
 * we help?"
 */
public final class DefaultTextBack {

    public static final String WORKFLOW_ID = "default-text-back";
    public static final String SEND_STEP = "send-1";

    private DefaultTextBack() {
    }

    public static String message(String firstName, String businessName) {
        String name = firstName == null || firstName.isBlank() ? "there" : firstName.trim();
        String business = businessName == null || businessName.isBlank() ? "our business" : businessName.trim();
        return "Hi " + name + ", sorry we missed your call at " + business + ". How can we help?";
    }
}
