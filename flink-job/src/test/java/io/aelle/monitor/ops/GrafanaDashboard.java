package io.aelle.monitor.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Grafana dashboard JSON read as data: its panels (rows flattened), their query targets and the template
 * variables, plus how Grafana would expand a query's variables, so tests can lint it and run it on Prometheus.
 */
record GrafanaDashboard(JsonNode json) {

    /** Grafana's own variables; everything else referenced must be defined under templating. */
    static final Set<String> BUILT_IN_VARIABLES = Set.of(
            "__rate_interval", "__interval", "__interval_ms", "__range", "__range_s", "__range_ms",
            "__dashboard", "__from", "__to", "__org", "__user");

    /** $name, ${name}, ${name:format} and the deprecated [[name]]. */
    private static final Pattern VARIABLE_REFERENCE =
            Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)|\\[\\[(\\w+)(?::[^]]*)?]]");

    record Target(JsonNode panel, JsonNode target) {
        String panelTitle() {
            return panel.path("title").asText();
        }

        String refId() {
            return target.path("refId").asText();
        }

        String expr() {
            return target.path("expr").asText("");
        }

        boolean instant() {
            return target.path("instant").asBoolean(false);
        }

        @Override
        public String toString() {
            return "panel '" + panelTitle() + "' target " + refId();
        }
    }

    static GrafanaDashboard read(Path file) throws IOException {
        return new GrafanaDashboard(new ObjectMapper().readTree(file.toFile()));
    }

    /** Every panel, including those nested in collapsed rows. */
    List<JsonNode> panels() {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    List<Target> targets() {
        List<Target> all = new ArrayList<>();
        for (JsonNode panel : panels()) {
            panel.path("targets").forEach(t -> all.add(new Target(panel, t)));
        }
        return all;
    }

    List<JsonNode> variables() {
        List<JsonNode> all = new ArrayList<>();
        json.path("templating").path("list").forEach(all::add);
        return all;
    }

    Set<String> variableNames() {
        Set<String> names = new LinkedHashSet<>();
        variables().forEach(v -> names.add(v.path("name").asText()));
        return names;
    }

    /** Names of the variables a text references, in order of first use. */
    static Set<String> referencedVariables(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE_REFERENCE.matcher(text);
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return names;
    }

    /**
     * The query Grafana would send: each variable replaced by the given value (the value of "All" for a
     * multi-value regex variable is its allValue, e.g. {@code .*}). Unknown variables are left in place.
     */
    static String expand(String expr, Map<String, String> values) {
        Matcher m = VARIABLE_REFERENCE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = values.getOrDefault(name, m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
