package com.mctb.settings.client;

/** workflow-service could not say whether a missed-call workflow is active. */
public class WorkflowServiceUnavailableException extends RuntimeException {

    public WorkflowServiceUnavailableException(String message) {
        super(message);
    }
}
