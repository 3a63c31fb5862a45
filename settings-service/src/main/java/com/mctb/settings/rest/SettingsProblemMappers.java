package com.mctb.settings.rest;

import com.mctb.kit.rest.Problems;
import com.mctb.settings.client.WorkflowServiceUnavailableException;
import com.mctb.settings.domain.audio.AudioRefusedException;
import com.mctb.settings.service.InvalidFieldsException;
import com.mctb.settings.twilio.TwilioRefusedException;
import com.mctb.settings.twilio.TwilioUnavailableException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** This service's own refusals as problem+json (service-kit's ProblemMappers handle the common ones). */
public class SettingsProblemMappers {

    @ServerExceptionMapper
    public Response invalidFields(InvalidFieldsException e) {
        return Problems.of(400, "Bad Request", e.getMessage(), e.errors());
    }

    /** 413 too large, 415 not MP3/WAV, 422 for a file that is audio but cannot be used (too long, truncated…). */
    @ServerExceptionMapper
    public Response audioRefused(AudioRefusedException e) {
        int status = switch (e.reason()) {
            case TOO_LARGE -> 413;
            case NOT_AUDIO, UNSUPPORTED_ENCODING -> 415;
            case EMPTY, TOO_LONG, TRUNCATED -> 422;
        };
        String title = switch (status) {
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            default -> "Unprocessable Content";
        };
        return Problems.of(status, title, "greeting refused: " + e.getMessage(),
                List.of(new Problems.FieldError("file", e.getMessage())));
    }

    /** Twilio said no: 422 naming the number (or AccountSid) and Twilio's code and reason. */
    @ServerExceptionMapper
    public Response twilioRefused(TwilioRefusedException e) {
        return Problems.of(422, "Unprocessable Content", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response twilioUnavailable(TwilioUnavailableException e) {
        return Problems.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage() + ". Try again shortly.");
    }

    @ServerExceptionMapper
    public Response workflowServiceUnavailable(WorkflowServiceUnavailableException e) {
        return Problems.of(Response.Status.SERVICE_UNAVAILABLE, "the legacy Missed Call Text Back was not turned on: "
                + "workflow-service could not confirm that no missed-call workflow is active (" + e.getMessage()
                + "), and turning it on anyway could text a caller twice. Try again shortly.");
    }
}
