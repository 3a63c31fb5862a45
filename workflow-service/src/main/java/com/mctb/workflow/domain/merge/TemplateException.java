package com.mctb.workflow.domain.merge;

/** A text template that cannot be used: an unknown merge field, an unclosed {{, a malformed fallback. */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }
}
