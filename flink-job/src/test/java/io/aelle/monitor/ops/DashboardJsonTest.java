package io.aelle.monitor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Checks dashboards/aelle-monitor.json and its provisioning files as data: fast, nothing to install. */
class DashboardJsonTest {

    private static GrafanaDashboard dashboard;
    private static Map<String, Object> datasource;

    @BeforeAll
    static void load() throws IOException {
        dashboard = GrafanaDashboard.read(RepoFiles.dashboard());
        datasource = provisionedDatasource();
    }

    @Test
    void hasIdentityAndCurrentSchema() {
        JsonNode json = dashboard.json();
        assertEquals("aelle-monitor", json.path("uid").asText());
        assertFalse(json.path("title").asText().isBlank());
        assertTrue(json.path("version").asInt() >= 1, "version must be set");
        // Grafana 11 writes 39-40, Grafana 12 writes 41; older schemas get migrated on load.
        int schema = json.path("schemaVersion").asInt();
        assertTrue(schema >= 39, "schemaVersion " + schema + " is older than current Grafana's");
        assertFalse(json.has("id") && !json.path("id").isNull(), "a provisioned dashboard must not carry a database id");
    }

    @Test
    void panelIdsAreUniqueAndPanelsDoNotOverlap() {
        Set<Integer> ids = new HashSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : dashboard.panels()) {
            int id = panel.path("id").asInt(-1);
            assertTrue(id > 0, "panel '" + panel.path("title").asText() + "' has no positive id");
            assertTrue(ids.add(id), "panel id " + id + " is used twice");
            assertFalse(panel.path("title").asText().isBlank(), "panel " + id + " has no title");
            JsonNode g = panel.path("gridPos");
            int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
            assertTrue(box[2] > 0 && box[3] > 0 && box[0] >= 0 && box[0] + box[2] <= 24,
                    "panel " + id + " gridPos " + g + " is outside the 24-column grid");
            for (int[] other : boxes) {
                boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                assertFalse(overlap, "panel " + id + " overlaps another panel at " + g);
            }
            boxes.add(box);
        }
    }

    @Test
    void everyQueryUsesTheDatasourceVariableAndImportAsksForIt() {
        JsonNode variable = dashboard.variables().stream().filter(v -> v.path("name").asText().equals("datasource"))
                .findFirst().orElseThrow(() -> new AssertionError("no datasource variable"));
        assertEquals("datasource", variable.path("type").asText());
        assertEquals(datasource.get("type"), variable.path("query").asText(), "the variable lists Prometheus datasources");
        // No fixed uid anywhere: Import and provisioning then work whatever the datasource's uid is.
        assertFalse(dashboard.json().toString().contains("\"" + datasource.get("uid") + "\""), "a hard-coded datasource uid");
        String ref = "${datasource}";
        assertFalse(dashboard.targets().isEmpty());
        for (GrafanaDashboard.Target t : dashboard.targets()) {
            assertEquals(datasource.get("type"), t.target().path("datasource").path("type").asText(), t + " datasource type");
            assertEquals(ref, t.target().path("datasource").path("uid").asText(), t + " datasource");
        }
        for (JsonNode panel : dashboard.panels()) {
            assertEquals(ref, panel.path("datasource").path("uid").asText(), "panel '" + panel.path("title").asText() + "'");
        }
        for (JsonNode v : dashboard.variables()) {
            if (v.path("type").asText().equals("query")) {
                assertEquals(ref, v.path("datasource").path("uid").asText(), "variable " + v.path("name").asText());
            }
        }
        JsonNode input = dashboard.json().path("__inputs").path(0);
        assertEquals("datasource", input.path("type").asText(), "__inputs: Import asks for a datasource");
        assertEquals(datasource.get("type"), input.path("pluginId").asText());
    }

    @Test
    void everyPanelPinsItsPluginVersionAndThresholds() {
        for (JsonNode panel : dashboard.panels()) {
            String title = panel.path("title").asText();
            // Without pluginVersion Grafana runs its panel migrations (the xychart one rewrites the field matchers).
            assertTrue(panel.path("pluginVersion").asText().matches("1[1-9]\\.\\d+\\.\\d+"), title + " pluginVersion");
            if (panel.path("type").asText().equals("xychart")) {
                String[] v = panel.path("pluginVersion").asText().split("\\.");
                assertTrue(Integer.parseInt(v[0]) * 100 + Integer.parseInt(v[1]) >= 1103,
                        "the xychart's series/matcher layout is 11.3's; an older pluginVersion is migrated");
            }
            // Grafana's default thresholds (red from 80) colour any count over 80; each panel says what it means.
            JsonNode steps = panel.path("fieldConfig").path("defaults").path("thresholds").path("steps");
            assertTrue(steps.isArray() && steps.size() >= 1, title + " has no thresholds of its own");
            assertTrue(steps.get(0).path("value").isNull(), title + ": the first step is the base");
        }
    }

    @Test
    void ratioPanelsDivideSummedCountsInsteadOfAveragingRatios() {
        int confusionRatios = 0;
        for (GrafanaDashboard.Target t : dashboard.targets()) {
            assertFalse(t.expr().matches("(?s).*\\b(avg)\\b.*"), t + ": an average of ratios is wrong over several studies");
            assertFalse(t.expr().matches("(?s).*\\baelle_(precision|recall|f1|stop_precision)\\b.*"), t + ": a per-table ratio gauge");
            if (t.expr().contains(" / ")) {
                for (String side : t.expr().split(" / ")) {
                    assertTrue(side.matches("\\(?(2 \\* )?sum by .*"), t + ": each side of a ratio is a sum of counts");
                }
                if (t.expr().contains("sum by (fraction, predictor) (aelle_confusion{")) {
                    confusionRatios++;
                }
            }
        }
        assertEquals(3, confusionRatios, "precision, recall and F1 from the confusion cells");
    }

    @Test
    void refIdsAreUniqueWithinEachPanel() {
        for (JsonNode panel : dashboard.panels()) {
            Set<String> refIds = new HashSet<>();
            for (JsonNode t : panel.path("targets")) {
                assertTrue(refIds.add(t.path("refId").asText()),
                        "panel '" + panel.path("title").asText() + "' repeats refId " + t.path("refId"));
            }
        }
    }

    @Test
    void variablesAreUsedOnlyIfDefinedAndDefinedOnesAreUsed() {
        Set<String> defined = dashboard.variableNames();
        assertEquals(Set.of("datasource", "study", "predictor"), defined);
        Set<String> used = new LinkedHashSet<>();
        for (GrafanaDashboard.Target t : dashboard.targets()) {
            used.addAll(GrafanaDashboard.referencedVariables(t.expr()));
            used.addAll(GrafanaDashboard.referencedVariables(t.target().path("legendFormat").asText("")));
        }
        for (JsonNode panel : dashboard.panels()) {
            used.addAll(GrafanaDashboard.referencedVariables(panel.path("title").asText()));
        }
        for (JsonNode variable : dashboard.variables()) {
            used.addAll(GrafanaDashboard.referencedVariables(variable.path("definition").asText("")));
        }
        // Every panel's and query's datasource is ${datasource}.
        used.addAll(GrafanaDashboard.referencedVariables(dashboard.json().path("panels").toString()));
        for (String name : used) {
            assertTrue(defined.contains(name) || GrafanaDashboard.BUILT_IN_VARIABLES.contains(name),
                    "variable $" + name + " is used but not defined");
        }
        for (String name : defined) {
            assertTrue(used.contains(name), "variable $" + name + " is defined but no query uses it");
        }
        for (JsonNode variable : dashboard.variables()) {
            if (variable.path("multi").asBoolean() || variable.path("includeAll").asBoolean()) {
                // A multi-value variable expands to a|b, which only a regex matcher understands.
                String ref = "\"$" + variable.path("name").asText() + "\"";
                for (GrafanaDashboard.Target t : dashboard.targets()) {
                    String expr = t.expr();
                    int at = expr.indexOf(ref);
                    while (at >= 0) {
                        assertTrue(expr.startsWith("=~", at - 2) || expr.startsWith("!~", at - 2),
                                t + ": multi-value $" + variable.path("name").asText() + " needs =~ or !~");
                        at = expr.indexOf(ref, at + 1);
                    }
                }
            }
        }
    }

    @Test
    void everyQueryIsWellFormedPromQl() {
        for (GrafanaDashboard.Target t : dashboard.targets()) {
            String expr = GrafanaDashboard.expand(t.expr(), lintValues());
            try {
                PromQlShape.Type type = PromQlShape.check(expr);
                assertEquals(PromQlShape.Type.INSTANT, type, t + " must return an instant vector to chart");
            } catch (IllegalArgumentException e) {
                fail(t + ": " + e.getMessage() + "\n  query: " + t.expr());
            }
        }
    }

    @Test
    void quantilePanelsReadHistogramBucketsByLe() {
        int quantiles = 0;
        for (GrafanaDashboard.Target t : dashboard.targets()) {
            if (t.expr().startsWith("histogram_quantile(")) {
                quantiles++;
                assertTrue(t.expr().contains("_bucket["), t + " must read a _bucket series");
                assertTrue(t.expr().contains("by (le)"), t + " must keep the le label when aggregating");
            }
        }
        assertEquals(4, quantiles, "p50 and p99 of spectrum time and of publish->verdict latency");
    }

    @Test
    void everyExportedMetricIsCharted() {
        StringBuilder all = new StringBuilder();
        dashboard.targets().forEach(t -> all.append(t.expr()).append('\n'));
        for (String metric : MonitorContract.METRICS) {
            assertTrue(all.toString().matches("(?s).*\\b" + metric + "\\b.*"), metric + " is on no panel");
        }
        // Consumer lag comes from Flink's own metrics (Kafka source pendingRecords), not the monitor's registry.
        assertTrue(all.toString().contains("flink_taskmanager_job_task_operator_pendingRecords"), "consumer lag panel is missing");
    }

    @Test
    void embeddingPanelIsAnXyScatterOfPc1AgainstPc2() {
        JsonNode plane = dashboard.panels().stream()
                .filter(p -> p.path("targets").toString().contains("aelle_run_embedding"))
                .findFirst().orElseThrow();
        assertEquals("xychart", plane.path("type").asText());
        JsonNode series = plane.path("options").path("series").path(0);
        assertEquals("pc1", series.path("x").path("matcher").path("options").asText());
        assertEquals("pc2", series.path("y").path("matcher").path("options").asText());
        assertEquals("points", plane.path("fieldConfig").path("defaults").path("custom").path("show").asText());
        // pc1/pc2 become columns only if the join pivots the axis label.
        assertTrue(plane.path("transformations").toString().contains("\"value\":\"axis\""));
    }

    @Test
    void providerLoadsDashboardsFromAFolder() throws IOException {
        Map<String, Object> provider = firstOf(
                RepoFiles.root().resolve("dashboards/provisioning/dashboards"), "providers");
        assertEquals("file", provider.get("type"));
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) provider.get("options");
        assertTrue(String.valueOf(options.get("path")).startsWith("/"), "provider path must be absolute");
    }

    /** Grafana variables replaced as the lint needs them: durations by a duration, regex variables by ".*". */
    static Map<String, String> lintValues() {
        Map<String, String> values = new HashMap<>();
        for (String builtIn : GrafanaDashboard.BUILT_IN_VARIABLES) {
            values.put(builtIn, "1m");
        }
        for (JsonNode v : dashboard.variables()) {
            values.put(v.path("name").asText(), v.path("allValue").asText(".*"));
        }
        return values;
    }

    static Map<String, Object> provisionedDatasource() throws IOException {
        return firstOf(RepoFiles.root().resolve("dashboards/provisioning/datasources"), "datasources");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstOf(Path folder, String key) throws IOException {
        List<Path> files;
        try (var stream = Files.list(folder)) {
            files = stream.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(1, files.size(), "exactly one provisioning file in " + folder);
        try (InputStream in = Files.newInputStream(files.get(0))) {
            Map<String, Object> doc = new Yaml().load(in);
            assertEquals(1, doc.get("apiVersion"), files.get(0) + " apiVersion");
            List<Map<String, Object>> entries = (List<Map<String, Object>>) doc.get(key);
            assertEquals(1, entries.size(), files.get(0) + " must define one entry under " + key);
            return entries.get(0);
        }
    }
}
