package io.aelle.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aelle.model.dataset.RunSplit;
import io.aelle.model.dataset.StudyDataset;
import io.aelle.model.dataset.SyntheticStudy;
import io.aelle.model.embedding.Embedding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    /** The row keys of report.json, in order (issue 5); checkpoint_fraction is a documented addition. */
    private static final List<String> ROW_KEYS =
            List.of("fraction", "predictor", "classifier", "recall", "precision", "f1", "f1_ci95", "tp", "fp", "fn", "tn");
    private static final Set<String> ADDED_ROW_KEYS = Set.of("checkpoint_fraction");

    private static StudyDataset data;
    private static Embedding bundle;
    private static Report report;

    @TempDir
    Path dir;

    /** A real evaluation of a synthetic study (4 epochs: checkpoints at 0, .25, .5, .75, 1) with the shipped tiny bundle. */
    @BeforeAll
    static void evaluate() throws IOException {
        bundle = Embedding.loadShipped("synthetic-tiny");
        data = SyntheticStudy.of(40, 4, bundle.manifest().spectrum().length(), 5).withLossThreshold(bundle.lossThreshold());
        Evaluator ev = new Evaluator(RunSplit.DEFAULT, 50, 3);
        report = ev.evaluate(data, ev.predictors(data, List.of(bundle)));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheReportFiles() throws IOException {
        Path out = dir.resolve("nested/report");
        ReportWriter.write(report, "./aelle-monitor evaluate --dataset d", out);
        assertEquals(List.of("report.json", "report.md"), names(out));
        assertTrue(Files.readString(out.resolve("report.md")).contains("Command: `./aelle-monitor evaluate --dataset d`"));
        ReportWriter.write(report, null, dir);
        assertTrue(!Files.readString(dir.resolve("report.md")).contains("Command:"), "no command, no command line");
    }

    @Test
    void reportJsonFollowsTheContractAndMatchesTheReport() throws IOException {
        ReportWriter.write(report, null, dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertEquals("synthetic", json.get("study").textValue());
        assertTrue(json.get("loss_threshold").isNumber());
        assertEquals(bundle.lossThreshold(), json.get("loss_threshold").doubleValue(), 0.0);
        JsonNode runs = json.get("runs");
        assertEquals(Set.of("train", "validation", "test"), fieldNames(runs));
        long total = 0;
        for (String part : List.of("train", "validation", "test")) {
            assertTrue(runs.get(part).isIntegralNumber() && runs.get(part).longValue() > 0, part + ": " + runs);
            total += runs.get(part).longValue();
        }
        assertEquals(40, total, "every run is in one part");

        JsonNode rows = json.get("rows");
        assertEquals(report.rows().size(), rows.size());
        Set<String> predictors = new TreeSet<>();
        Set<Double> fractions = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            ReportRow want = report.rows().get(i);
            List<String> keys = orderedNames(row);
            assertEquals(ROW_KEYS, keys.stream().filter(k -> !ADDED_ROW_KEYS.contains(k)).toList(), "the contract's keys in order, row " + i);
            assertTrue(ADDED_ROW_KEYS.containsAll(keys.stream().filter(k -> !ROW_KEYS.contains(k)).toList()), "nothing else: " + keys);
            assertTrue(row.get("predictor").isTextual() && row.get("classifier").isTextual());
            for (String k : List.of("fraction", "recall", "precision", "f1")) {
                assertTrue(row.get(k).isNumber(), k + " is a number: " + row);
                assertTrue(row.get(k).doubleValue() >= 0 && row.get(k).doubleValue() <= 1, k + " in [0, 1]: " + row);
            }
            JsonNode ci = row.get("f1_ci95");
            assertTrue(ci.isArray() && ci.size() == 2 && ci.get(0).doubleValue() <= ci.get(1).doubleValue(), "f1_ci95: " + ci);
            long counted = 0;
            for (String k : List.of("tp", "fp", "fn", "tn")) {
                assertTrue(row.get(k).isIntegralNumber() && row.get(k).longValue() >= 0, k + ": " + row);
                counted += row.get(k).longValue();
            }
            double fraction = row.get("fraction").doubleValue();
            assertEquals(json.get("runs").get("test").longValue(), counted, "one verdict per test run at fraction " + fraction);
            assertTrue(row.get("checkpoint_fraction").doubleValue() <= fraction, "a checkpoint at or before the fraction: " + row);
            assertEquals(want.fraction(), fraction, 0.0);
            assertEquals(want.predictor(), row.get("predictor").textValue());
            assertEquals(want.classifier(), row.get("classifier").textValue());
            assertEquals(want.f1(), row.get("f1").doubleValue(), 0.0);
            assertArrayEquals(want.f1Ci95(), new double[] {ci.get(0).doubleValue(), ci.get(1).doubleValue()}, 0.0);
            assertEquals(want.tp(), row.get("tp").longValue());
            predictors.add(want.predictor());
            fractions.add(fraction);
        }
        assertEquals(Set.of("aelle", "loss-threshold", "loss-median", "loss-fitted", "hparams", "spectrum-logistic", "spectrum-pca"), predictors);
        assertTrue(fractions.containsAll(Set.of(0.0, 0.25, 0.5, 0.75, 1.0)), "every checkpoint fraction of the study: " + fractions);
        assertEquals(report.rows().stream().map(ReportRow::fraction).collect(java.util.stream.Collectors.toSet()), fractions);
    }

    @Test
    void markdownHasOneTableLinePerRowAndPerPredictor() throws IOException {
        ReportWriter.write(report, "./aelle-monitor evaluate --dataset d", dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.startsWith("# Early-verdict evaluation: study synthetic\n"), md);
        assertTrue(md.contains("Command: `./aelle-monitor evaluate --dataset d`"), md);
        Map<String, Long> runs = report.runs();
        assertTrue(md.contains(String.format("Runs: %d train, %d validation, %d test", runs.get("train"), runs.get("validation"),
                runs.get("test"))), md);
        List<String> every = section(md, "## Every row");
        assertEquals(2 + report.rows().size(), every.size(), "header, rule and one line per report row");
        for (int i = 0; i < report.rows().size(); i++) {
            ReportRow r = report.rows().get(i);
            String line = every.get(2 + i);
            assertEquals(12, cells(line), line);
            assertTrue(line.startsWith(String.format(java.util.Locale.ROOT, "| %.0f%% | %.0f%% | %s | %s |", 100 * r.fraction(),
                    100 * r.checkpointFraction(), r.predictor(), r.classifier())), line);
            assertTrue(line.endsWith(String.format("| %d | %d | %d | %d |", r.tp(), r.fp(), r.fn(), r.tn())), line);
        }
        List<String> byFraction = section(md, "## F1 by training fraction");
        assertEquals(2 + 7, byFraction.size(), "header, rule and one line per predictor");
        long fractions = report.rows().stream().map(ReportRow::fraction).distinct().count();
        for (String line : byFraction) {
            assertEquals(1 + fractions, cells(line), "predictor and one cell per fraction: " + line);
        }
    }

    @Test
    void aPredictorMissingAFractionKeepsTheTableAligned() {
        Report r = new Report("s", 0.5, "median", Map.of("train", 3L, "validation", 1L, "test", 1L), List.of(
                new ReportRow(0.0, 0.0, "loss-threshold", "threshold", 0, 0, 0, new double[] {0, 0}, 0, 0, 1, 0),
                new ReportRow(0.5, 0.5, "loss-threshold", "threshold", 1, 1, 1, new double[] {1, 1}, 1, 0, 0, 0),
                new ReportRow(0.5, 0.5, "aelle", "pc1-threshold", 1, 0.5, 0.67, new double[] {0.4, 1}, 1, 1, 0, 0)), List.of());
        String md = ReportWriter.markdown(r, null);
        assertTrue(md.contains("(the median final loss of the training runs"), md);
        List<String> table = section(md, "## F1 by training fraction");
        assertEquals(List.of("| predictor | 0% | 50% |", "|---|---|---|", "| loss-threshold | 0.00 | 1.00 |", "| aelle | - | 0.67 |"), table);
        assertEquals(3 + 2, section(md, "## Every row").size());
    }

    /** The table lines after a heading. */
    private static List<String> section(String md, String heading) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = md.lines().dropWhile(l -> !l.equals(heading)).skip(1).dropWhile(String::isEmpty).iterator();
        while (it.hasNext()) {
            String l = it.next();
            if (!l.startsWith("|")) {
                break;
            }
            out.add(l);
        }
        return out;
    }

    private static long cells(String line) {
        return line.chars().filter(c -> c == '|').count() - 1;
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    private static List<String> orderedNames(JsonNode n) {
        List<String> s = new ArrayList<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }
}
