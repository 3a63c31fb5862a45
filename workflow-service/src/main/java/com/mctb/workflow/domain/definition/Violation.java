package com.mctb.workflow.domain.definition;

/**
 * One thing wrong with a definition.
 *
 * @param field   where, as a JSON path the author can find: {@code steps[1].then[0].body}
 * @param message what, starting with the step's id when it is about a step
 */
public record Violation(String field, String message) {
}
