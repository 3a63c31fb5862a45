package com.mctb.workflow.domain.definition;

import java.util.List;
import java.util.stream.Collectors;

/** A definition that cannot be saved, with everything wrong in it. */
public class DefinitionException extends RuntimeException {

    private final transient List<Violation> violations;

    public DefinitionException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
