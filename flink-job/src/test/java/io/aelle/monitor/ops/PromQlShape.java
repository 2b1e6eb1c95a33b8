package io.aelle.monitor.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A small PromQL parser for the subset dashboards use (selectors, range vectors, functions, aggregations,
 * binary operators). It checks structure and types (a range function gets a range vector, an aggregation gets
 * an instant vector, regex matchers compile) and names the first problem. Grafana variables must be expanded
 * first ({@link GrafanaDashboard#expand}). The real check is Prometheus itself (DashboardOnPrometheusTest);
 * this one runs in milliseconds and needs nothing installed.
 */
final class PromQlShape {

    enum Type { SCALAR, STRING, INSTANT, RANGE }

    private static final Set<String> AGGREGATIONS = Set.of(
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
            "bottomk", "topk", "quantile");
    private static final Set<String> RANGE_FUNCTIONS = Set.of(
            "rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets", "predict_linear",
            "holt_winters", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
            "count_over_time", "quantile_over_time", "stddev_over_time", "stdvar_over_time",
            "last_over_time", "present_over_time", "absent_over_time");
    private static final Set<String> INSTANT_FUNCTIONS = Set.of(
            "abs", "absent", "ceil", "floor", "round", "exp", "ln", "log2", "log10", "sqrt", "clamp",
            "clamp_min", "clamp_max", "histogram_quantile", "label_replace", "label_join", "sort",
            "sort_desc", "timestamp", "vector", "scalar", "time", "sgn");
    private static final Set<String> KEYWORD_OPERATORS = Set.of("and", "or", "unless");
    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final List<String> tokens;
    private int pos;

    private PromQlShape(List<String> tokens) {
        this.tokens = tokens;
    }

    /** The type of a well-formed query; an {@link IllegalArgumentException} naming the problem otherwise. */
    static Type check(String query) {
        PromQlShape parser = new PromQlShape(tokenize(query));
        Type type = parser.expression();
        if (parser.pos != parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.peek() + "'");
        }
        return type;
    }

    // ---- grammar -------------------------------------------------------------------------------------------

    private Type expression() {
        Type left = unary();
        while (isBinaryOperator(peek())) {
            String op = next();
            if ("bool".equals(peek())) {
                next();
            }
            if ("on".equals(peek()) || "ignoring".equals(peek())) {
                next();
                labelList();
                if ("group_left".equals(peek()) || "group_right".equals(peek())) {
                    next();
                    if ("(".equals(peek())) {
                        labelList();
                    }
                }
            }
            Type right = unary();
            if (left == Type.RANGE || right == Type.RANGE || left == Type.STRING || right == Type.STRING) {
                throw error("operator '" + op + "' needs scalars or instant vectors");
            }
            if (KEYWORD_OPERATORS.contains(op) && (left == Type.SCALAR || right == Type.SCALAR)) {
                throw error("set operator '" + op + "' needs instant vectors on both sides");
            }
            left = left == Type.SCALAR && right == Type.SCALAR ? Type.SCALAR : Type.INSTANT;
        }
        return left;
    }

    private Type unary() {
        if ("-".equals(peek()) || "+".equals(peek())) {
            next();
        }
        return postfix(primary());
    }

    private Type postfix(Type type) {
        if ("[".equals(peek())) {
            if (type != Type.INSTANT) {
                throw error("a range or subquery needs an instant vector before '['");
            }
            next();
            duration();
            if (":".equals(peek())) {
                next();
                if (!"]".equals(peek())) {
                    duration();
                }
            }
            expect("]");
            type = Type.RANGE;
        }
        return offset(type);
    }

    private Type offset(Type type) {
        if ("offset".equals(peek())) {
            next();
            if ("-".equals(peek())) {
                next();
            }
            duration();
        }
        return type;
    }

    private Type primary() {
        String t = peek();
        if (t == null) {
            throw error("query ends too early");
        }
        if ("(".equals(t)) {
            next();
            Type inner = expression();
            expect(")");
            return inner;
        }
        if (t.startsWith("\"") || t.startsWith("'") || t.startsWith("`")) {
            next();
            return Type.STRING;
        }
        if (Character.isDigit(t.charAt(0)) || t.startsWith(".")) {
            next();
            return Type.SCALAR;
        }
        if ("{".equals(t)) {
            matchers(true);
            return Type.INSTANT;
        }
        if (!METRIC_NAME.matcher(t).matches()) {
            throw error("unexpected '" + t + "'");
        }
        next();
        if (AGGREGATIONS.contains(t)) {
            return aggregation(t);
        }
        if ("(".equals(peek())) {
            return function(t);
        }
        if ("{".equals(peek())) {
            matchers(false);
        }
        return Type.INSTANT;
    }

    private Type aggregation(String name) {
        boolean grouped = false;
        if ("by".equals(peek()) || "without".equals(peek())) {
            next();
            labelList();
            grouped = true;
        }
        expect("(");
        List<Type> args = arguments();
        if (!grouped && ("by".equals(peek()) || "without".equals(peek()))) {
            next();
            labelList();
        }
        boolean parameterised = Set.of("topk", "bottomk", "quantile", "count_values").contains(name);
        int wanted = parameterised ? 2 : 1;
        if (args.size() != wanted) {
            throw error(name + " takes " + wanted + " argument(s), got " + args.size());
        }
        if (args.get(wanted - 1) != Type.INSTANT) {
            throw error(name + " needs an instant vector, got a " + args.get(wanted - 1).name().toLowerCase());
        }
        return Type.INSTANT;
    }

    private Type function(String name) {
        expect("(");
        List<Type> args = arguments();
        if (RANGE_FUNCTIONS.contains(name)) {
            if (args.isEmpty() || args.get(0) != Type.RANGE) {
                throw error(name + "() needs a range vector, e.g. metric[5m]");
            }
            return Type.INSTANT;
        }
        if (!INSTANT_FUNCTIONS.contains(name)) {
            throw error("unknown function " + name + "()");
        }
        if ("histogram_quantile".equals(name)
                && (args.size() != 2 || args.get(0) != Type.SCALAR || args.get(1) != Type.INSTANT)) {
            throw error("histogram_quantile(φ scalar, buckets instant vector)");
        }
        if ("time".equals(name) || "scalar".equals(name)) {
            return Type.SCALAR;
        }
        for (Type arg : args) {
            if (arg == Type.RANGE) {
                throw error(name + "() does not take a range vector");
            }
        }
        return Type.INSTANT;
    }

    private List<Type> arguments() {
        List<Type> args = new ArrayList<>();
        if (")".equals(peek())) {
            next();
            return args;
        }
        args.add(expression());
        while (",".equals(peek())) {
            next();
            args.add(expression());
        }
        expect(")");
        return args;
    }

    private void labelList() {
        expect("(");
        if (")".equals(peek())) {
            next();
            return;
        }
        label();
        while (",".equals(peek())) {
            next();
            label();
        }
        expect(")");
    }

    private void label() {
        String name = next();
        if (name == null || !LABEL_NAME.matcher(name).matches()) {
            throw error("bad label name '" + name + "'");
        }
    }

    private void matchers(boolean nameless) {
        expect("{");
        int count = 0;
        while (!"}".equals(peek())) {
            if (count > 0) {
                expect(",");
                if ("}".equals(peek())) {
                    break;
                }
            }
            label();
            String op = next();
            if (!Set.of("=", "!=", "=~", "!~").contains(op)) {
                throw error("bad label matcher operator '" + op + "'");
            }
            String value = next();
            if (value == null || !(value.startsWith("\"") || value.startsWith("'") || value.startsWith("`"))) {
                throw error("label matcher needs a quoted value, got '" + value + "'");
            }
            if (op.contains("~")) {
                try {
                    Pattern.compile(unquote(value));
                } catch (PatternSyntaxException e) {
                    throw error("bad regex " + value + ": " + e.getDescription());
                }
            }
            count++;
        }
        expect("}");
        if (nameless && count == 0) {
            throw error("a selector needs a metric name or at least one matcher");
        }
    }

    private void duration() {
        String d = next();
        if (d == null || !DURATION.matcher(d).matches()) {
            throw error("bad duration '" + d + "' (e.g. 30s, 5m, 1h30m)");
        }
    }

    // ---- tokens --------------------------------------------------------------------------------------------

    private static boolean isBinaryOperator(String t) {
        return t != null && (Set.of("+", "-", "*", "/", "%", "^", "==", "!=", ">", "<", ">=", "<=").contains(t)
                || KEYWORD_OPERATORS.contains(t));
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private String next() {
        return pos < tokens.size() ? tokens.get(pos++) : null;
    }

    private void expect(String token) {
        String t = next();
        if (!token.equals(t)) {
            pos--;
            throw error("expected '" + token + "' but found " + (t == null ? "the end" : "'" + t + "'"));
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " (at token " + pos + " of " + tokens + ")");
    }

    /** The value of a quoted PromQL string (Go escapes as Prometheus reads them). */
    static String unquote(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        if (quoted.startsWith("`")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char e = body.charAt(++i);
                out.append(Map.of('n', "\n", 't', "\t", '"', "\"", '\'', "'", '\\', "\\")
                        .getOrDefault(e, "\\" + e));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static List<String> tokenize(String q) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'' || c == '`') {
                int j = i + 1;
                while (j < q.length() && q.charAt(j) != c) {
                    j += q.charAt(j) == '\\' && c != '`' ? 2 : 1;
                }
                if (j >= q.length()) {
                    throw new IllegalArgumentException("unterminated string starting at " + i + " in: " + q);
                }
                out.add(q.substring(i, j + 1));
                i = j + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                // Names, numbers and durations; ':' belongs to recording-rule names but not to "[5m:1m]".
                boolean brackets = inBrackets(out);
                int j = i;
                while (j < q.length() && (Character.isLetterOrDigit(q.charAt(j)) || q.charAt(j) == '_'
                        || q.charAt(j) == '.' || q.charAt(j) == ':' && !brackets)) {
                    j++;
                }
                out.add(q.substring(i, j));
                i = j;
            } else {
                String two = i + 1 < q.length() ? q.substring(i, i + 2) : "";
                if (Set.of("=~", "!~", "!=", "==", ">=", "<=").contains(two)) {
                    out.add(two);
                    i += 2;
                } else if ("(){}[],:+-*/%^=<>".indexOf(c) >= 0) {
                    out.add(String.valueOf(c));
                    i++;
                } else {
                    throw new IllegalArgumentException("unexpected character '" + c + "' at " + i + " in: " + q);
                }
            }
        }
        return out;
    }

    /** Inside [..], ':' separates a subquery's range from its step; elsewhere it may be part of a metric name. */
    private static boolean inBrackets(List<String> tokens) {
        int depth = 0;
        for (String t : tokens) {
            if ("[".equals(t)) {
                depth++;
            } else if ("]".equals(t)) {
                depth--;
            }
        }
        return depth > 0;
    }
}
