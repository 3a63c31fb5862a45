package com.mctb.settings.rest;

import com.mctb.kit.rest.Problems;
import com.mctb.settings.client.WorkflowServiceUnavailableException;
import com.mctb.settings.domain.AudioPurpose;
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

    /**
     * An uploaded audio refused, naming the field {@code file} with the reason. Over 10 MB is 413 for either kind
     * (the request body's limit). Otherwise a consent announcement is 400 for every file that is not usable audio
     * (issue 19: "a consent audio that is not audio: a 400 naming the field"); a greeting keeps its older answers,
     * which its clients rely on: 415 not MP3/WAV, 422 audio that cannot be used (too long, truncated, silent, no file).
     */
    @ServerExceptionMapper
    public Response audioRefused(AudioRefusedException e) {
        boolean consent = e.purpose() == AudioPurpose.CONSENT;
        int status = switch (e.reason()) {
            case TOO_LARGE -> 413;
            case NOT_AUDIO, UNSUPPORTED_ENCODING -> consent ? 400 : 415;
            case EMPTY, TOO_LONG, TRUNCATED -> consent ? 400 : 422;
        };
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            default -> "Unprocessable Content";
        };
        return Problems.of(status, title, (consent ? "consent audio" : "greeting") + " refused: " + e.getMessage(),
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
