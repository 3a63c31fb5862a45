package com.mctb.settings.rest;

/** Optional body when adding a number: whether texts are sent from it by default. */
public record NumberRequest(Boolean isDefault) {
}
