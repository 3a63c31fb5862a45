package com.mctb.workflow.domain.merge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with merge fields: {@code Hi {{contact.first_name | default: "there"}}, thanks for calling
 * {{business.name}}.} A field is one of {@link MergeFields#NAMES}; the optional fallback is used when the field has no
 * value.
 *
 * <p>Written by hand on purpose. Template engines (Qute, Mustache, FreeMarker, a JavaScript or expression-language
 * evaluator) resolve expressions against objects and can call methods, iterate or include other templates; a text
 * an account writes must do none of that. This grammar has one construct over five fixed values, so nothing but
 * those values can reach a text. A value is inserted as it is and never read as a template again: a caller who
 * calls themselves {@code {{business.name}}} or {@code ${...}} is greeted by exactly that.
 */
public final class MergeTemplate {

    /** {@code default: "text"} or {@code default: 'text'}; the text may not contain its own quote. */
    private static final Pattern FALLBACK = Pattern.compile("default\\s*:\\s*(?:\"([^\"]*)\"|'([^']*)')");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z_]+(\\.[a-z_]+)*");

    private final String source;
    private final List<Part> parts;

    private MergeTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /** @throws TemplateException naming what is wrong and where (1-based character position) */
    public static MergeTemplate parse(String source) {
        if (source == null) {
            throw new TemplateException("a text is required");
        }
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < source.length()) {
            int open = source.indexOf("{{", at);
            if (open < 0) {
                parts.add(new Literal(source.substring(at)));
                break;
            }
            if (open > at) {
                parts.add(new Literal(source.substring(at, open)));
            }
            int close = source.indexOf("}}", open + 2);
            if (close < 0) {
                throw new TemplateException("'{{' at character " + (open + 1) + " is not closed with '}}'");
            }
            parts.add(field(source.substring(open + 2, close), open + 1));
            at = close + 2;
        }
        return new MergeTemplate(source, parts);
    }

    /** A text with no merge fields at all, used exactly as written (braces included). */
    public static MergeTemplate literal(String text) {
        return new MergeTemplate(text, List.of(new Literal(text)));
    }

    private static Field field(String inside, int position) {
        int bar = inside.indexOf('|');
        String name = (bar < 0 ? inside : inside.substring(0, bar)).strip();
        if (name.isEmpty()) {
            throw new TemplateException("'{{' at character " + position + " names no merge field");
        }
        if (!FIELD_NAME.matcher(name).matches() || !MergeFields.NAMES.contains(name)) {
            throw new TemplateException("unknown merge field '" + abbreviate(name) + "' at character " + position
                    + " (known: " + String.join(", ", MergeFields.NAMES) + ")");
        }
        if (bar < 0) {
            return new Field(name, null);
        }
        String filter = inside.substring(bar + 1).strip();
        Matcher fallback = FALLBACK.matcher(filter);
        if (!fallback.matches()) {
            throw new TemplateException("'" + abbreviate(filter) + "' at character " + position
                    + " is not a fallback; write {{" + name + " | default: \"text\"}}");
        }
        return new Field(name, fallback.group(1) != null ? fallback.group(1) : fallback.group(2));
    }

    /** The text with each field's value, or its fallback (or nothing) where the field has no value. */
    public String render(MergeFields values) {
        StringBuilder text = new StringBuilder(source.length() + 32);
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                text.append(literal.text());
            } else if (part instanceof Field field) {
                text.append(values.value(field.name()).orElse(field.fallback() == null ? "" : field.fallback()));
            }
        }
        return text.toString();
    }

    /**
     * The fields that have no value in {@code values} and no fallback: a text with any is not sent, since it would
     * reach the caller with a gap ("sorry we missed your call at .").
     */
    public Set<String> missing(MergeFields values) {
        Set<String> missing = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Field field && field.fallback() == null && values.value(field.name()).isEmpty()) {
                missing.add(field.name());
            }
        }
        return missing;
    }

    /** The fields this template names without a fallback. */
    public Set<String> fieldsWithoutFallback() {
        Set<String> names = new LinkedHashSet<>();
        parts.stream().filter(p -> p instanceof Field f && f.fallback() == null).map(p -> ((Field) p).name())
                .forEach(names::add);
        return names;
    }

    /** The fields this template names. */
    public Set<String> fields() {
        Set<String> names = new LinkedHashSet<>();
        parts.stream().filter(Field.class::isInstance).map(p -> ((Field) p).name()).forEach(names::add);
        return names;
    }

    public String source() {
        return source;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private sealed interface Part permits Literal, Field {
    }

    private record Literal(String text) implements Part {
    }

    private record Field(String name, String fallback) implements Part {
    }
}
