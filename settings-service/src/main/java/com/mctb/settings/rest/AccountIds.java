package com.mctb.settings.rest;

/** What an account id may look like (it appears in URLs, Kafka keys and logs). */
final class AccountIds {

    static final String PATTERN = "^[a-z0-9][a-z0-9-]{1,62}$";
    static final String MESSAGE = "must be 2-63 lowercase letters, digits or dashes";

    private AccountIds() {
    }
}
