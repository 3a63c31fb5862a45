package com.mctb.settings.service;

import com.mctb.kit.rest.Problems;
import java.util.List;

/** Input that is well-formed but not acceptable, field by field: answered 400 problem+json naming the fields. */
public class InvalidFieldsException extends RuntimeException {

    private final List<Problems.FieldError> errors;

    public InvalidFieldsException(List<Problems.FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid"));
        this.errors = List.copyOf(errors);
    }

    public InvalidFieldsException(String field, String message) {
        this(List.of(new Problems.FieldError(field, message)));
    }

    public List<Problems.FieldError> errors() {
        return errors;
    }
}
