package com.mctb.kit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps errors to problem+json, never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problems.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problems.FieldError(fieldName(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problems.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return Problems.of(400, "Bad Request", detail, errors);
    }

    // One mapper per Jackson type: Quarkus REST has built-in mappers for the specific ones, and the most specific
    // mapper wins, so mapping only the base type would leave those answering 400 with no reason.
    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response jsonParse(com.fasterxml.jackson.core.JsonParseException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName();
            String message = e instanceof InvalidFormatException invalid
                    ? "cannot be " + invalid.getValue()
                    : "has the wrong type";
            return Problems.of(400, "Bad Request", field + ": " + message,
                    List.of(new Problems.FieldError(field, message)));
        }
        return Problems.of(Response.Status.BAD_REQUEST, "the body is not valid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        Response r = e.getResponse();
        if (r.hasEntity()) {
            return r;
        }
        Response.StatusType status = r.getStatusInfo();
        return Problems.of(status.getStatusCode(), status.getReasonPhrase(),
                e.getMessage() == null ? status.getReasonPhrase() : e.getMessage(), List.of());
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return Problems.of(Response.Status.INTERNAL_SERVER_ERROR, "unexpected error; it has been logged");
    }

    /**
     * The field as the client wrote it, e.g. {@code timeoutSeconds} or {@code forwardTo[1]}, without the method and
     * parameter prefix Hibernate Validator reports ({@code put.request.}).
     */
    static String fieldName(ConstraintViolation<?> violation) {
        StringBuilder name = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getIndex() != null) {
                name.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append(node.getName());
            }
        }
        if (name.isEmpty()) {
            String path = violation.getPropertyPath().toString();
            return path.substring(path.lastIndexOf('.') + 1);
        }
        return name.toString();
    }
}
