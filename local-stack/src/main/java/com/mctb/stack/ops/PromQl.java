package com.mctb.stack.ops;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the metric names out of a PromQL expression: every identifier that is not a function (followed by
 * {@code (}), a keyword or aggregation modifier, a label name inside {@code {…}} or a {@code by (…)} list, a duration
 * inside {@code […]}, a string or a number. Enough PromQL for our dashboard and alert rules; not a full parser.
 */
public final class PromQl {

    /** Words that are operators or modifiers, not metrics, when they stand alone. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "atan2", "inf", "nan",
            // aggregations, which may stand before their "by (…)" rather than before their "("
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio");
    /** Keywords followed by a parenthesised list of label names. */
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private PromQl() {
    }

    public static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '{') {
                i = skipTo(expr, i, '}');
            } else if (c == '[') {
                i = skipTo(expr, i, ']');
            } else if (c == '#') {
                i = skipTo(expr, i, '\n');
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                // A number (1, 0.95, 1e3, 0x1f) or a duration (5m): its letters are not names.
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++;
                }
            } else if (c == '$') {
                // A Grafana variable ($__range, ${x}): not PromQL.
                i++;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || "_{}".indexOf(expr.charAt(i)) >= 0)) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_' || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                boolean call = next < n && expr.charAt(next) == '(';
                String lower = word.toLowerCase(java.util.Locale.ROOT);
                if (LABEL_LISTS.contains(lower) && call) {
                    i = skipTo(expr, next, ')');
                } else if (!call && !KEYWORDS.contains(lower)) {
                    names.add(word);
                }
            } else {
                i++;
            }
        }
        return names;
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        i++;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    /** From an opening bracket to just after its closing one, strings inside skipped. */
    private static int skipTo(String s, int i, char close) {
        i++;
        while (i < s.length() && s.charAt(i) != close) {
            char c = s.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? skipString(s, i) : i + 1;
        }
        return i + 1;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
