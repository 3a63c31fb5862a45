package com.mctb.workflow.domain.engine;

import com.mctb.workflow.domain.definition.Step;
import com.mctb.workflow.domain.definition.WorkflowDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A definition's steps flattened into a list of instructions with forward jumps, so a run's place is one number
 * (stored with a waiting run) however deeply its {@code if}s nest. Jumps only go forward, so every run ends.
 */
public final class Program {

    private final List<Instruction> instructions;
    private final Duration repeatWindow;

    private Program(List<Instruction> instructions, Duration repeatWindow) {
        this.instructions = List.copyOf(instructions);
        this.repeatWindow = repeatWindow;
    }

    public static Program compile(WorkflowDefinition definition) {
        List<Instruction> out = new ArrayList<>();
        emit(definition.steps(), out);
        return new Program(out, definition.repeatWindow());
    }

    /** Steps alone, with the default repeat window. */
    public static Program compile(List<Step> steps) {
        List<Instruction> out = new ArrayList<>();
        emit(steps, out);
        return new Program(out, WorkflowDefinition.DEFAULT_REPEAT_WINDOW);
    }

    /** The definition's "at most once per N". */
    public Duration repeatWindow() {
        return repeatWindow;
    }

    private static void emit(List<Step> steps, List<Instruction> out) {
        for (Step step : steps) {
            if (step instanceof Step.If branch) {
                int at = out.size();
                out.add(null);
                emit(branch.then(), out);
                int elseAt;
                if (branch.otherwise().isEmpty()) {
                    elseAt = out.size();
                } else {
                    int jumpAt = out.size();
                    out.add(null);
                    elseAt = out.size();
                    emit(branch.otherwise(), out);
                    out.set(jumpAt, new Jump(branch.id(), out.size()));
                }
                out.set(at, new Branch(branch, elseAt));
            } else {
                out.add(new Act(step));
            }
        }
    }

    public int size() {
        return instructions.size();
    }

    public Instruction at(int pointer) {
        return instructions.get(pointer);
    }

    /** One instruction. */
    public sealed interface Instruction {
    }

    /** A step other than {@code if}. */
    public record Act(Step step) implements Instruction {
    }

    /** An {@code if}: go on when its condition holds, else continue at {@code elseAt}. */
    public record Branch(Step.If step, int elseAt) implements Instruction {
    }

    /** The end of an {@code if}'s then-branch: skip its else-branch. */
    public record Jump(String ifStepId, int to) implements Instruction {
    }
}
