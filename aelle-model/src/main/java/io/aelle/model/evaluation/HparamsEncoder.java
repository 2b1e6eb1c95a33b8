package io.aelle.model.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A run's hyperparameters ({@code aelle.hparams}, a JSON object) as numbers for a model, learned from the training
 * runs: a key that is a number in every training run it appears in becomes one feature, on a log scale when all its
 * values are positive; any other key is one-hot over the string values seen in training (an unseen value: all zeros).
 * A run missing a numeric key gets the training mean. Keys named {@code seed} are left out: a seed names a random
 * draw, it is not a setting a search would model.
 */
public final class HparamsEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bound on the hparams text of one run. */
    private static final int MAX_CHARS = 1 << 16;

    private final List<String> numeric;
    private final Map<String, Boolean> logScale;
    private final Map<String, Double> mean;
    private final Map<String, List<String>> categories;

    private HparamsEncoder(List<String> numeric, Map<String, Boolean> logScale, Map<String, Double> mean,
                           Map<String, List<String>> categories) {
        this.numeric = numeric;
        this.logScale = logScale;
        this.mean = mean;
        this.categories = categories;
    }

    /** What a bundle records of the encoder: numeric keys (with their scale and training mean) and categories. */
    public record State(List<String> numeric, @com.fasterxml.jackson.annotation.JsonProperty("log_scale") Map<String, Boolean> logScale,
                        Map<String, Double> mean, Map<String, List<String>> categories) {
    }

    public State state() {
        return new State(List.copyOf(numeric), new LinkedHashMap<>(logScale), new LinkedHashMap<>(mean), new LinkedHashMap<>(categories));
    }

    public static HparamsEncoder restore(State s) {
        for (String k : s.numeric()) {
            if (s.logScale().get(k) == null || s.mean().get(k) == null) {
                throw new IllegalArgumentException("hparams encoder: numeric key '" + k + "' lacks its scale or mean");
            }
        }
        return new HparamsEncoder(List.copyOf(s.numeric()), s.logScale(), s.mean(), new LinkedHashMap<>(s.categories()));
    }

    /** Learns the features from the training runs' hparams (one JSON object per run). */
    public static HparamsEncoder fit(List<String> hparams) {
        Map<String, List<JsonNode>> values = new TreeMap<>();
        for (String h : hparams) {
            parse(h).fields().forEachRemaining(e -> {
                if (!e.getKey().equalsIgnoreCase("seed") && !e.getValue().isNull()) {
                    values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                }
            });
        }
        List<String> numeric = new ArrayList<>();
        Map<String, Boolean> log = new LinkedHashMap<>();
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, List<String>> cats = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v.stream().allMatch(JsonNode::isNumber)) {
                boolean positive = v.stream().allMatch(n -> n.asDouble() > 0);
                numeric.add(k);
                log.put(k, positive);
                mean.put(k, v.stream().mapToDouble(n -> positive ? Math.log(n.asDouble()) : n.asDouble()).average().orElse(0));
            } else {
                cats.put(k, new ArrayList<>(new TreeSet<>(v.stream().map(HparamsEncoder::text).toList())));
            }
        });
        return new HparamsEncoder(numeric, log, mean, cats);
    }

    /** Number of features; 0 when the training runs carry no hyperparameters. */
    public int size() {
        return numeric.size() + categories.values().stream().mapToInt(List::size).sum();
    }

    public double[] encode(String hparams) {
        JsonNode h = parse(hparams);
        double[] x = new double[size()];
        int i = 0;
        for (String k : numeric) {
            JsonNode v = h.get(k);
            x[i++] = v == null || !v.isNumber() || (logScale.get(k) && !(v.asDouble() > 0)) ? mean.get(k)
                    : logScale.get(k) ? Math.log(v.asDouble()) : v.asDouble();
        }
        for (Map.Entry<String, List<String>> c : categories.entrySet()) {
            JsonNode v = h.get(c.getKey());
            int hit = v == null ? -1 : c.getValue().indexOf(text(v));
            if (hit >= 0) {
                x[i + hit] = 1;
            }
            i += c.getValue().size();
        }
        return x;
    }

    /** The feature names, in order (numeric ones as {@code log(key)} when on a log scale). */
    public List<String> names() {
        List<String> n = new ArrayList<>();
        numeric.forEach(k -> n.add(logScale.get(k) ? "log(" + k + ")" : k));
        categories.forEach((k, vs) -> vs.forEach(v -> n.add(k + "=" + v)));
        return n;
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : n.toString();
    }

    private static JsonNode parse(String hparams) {
        if (hparams == null || hparams.isBlank()) {
            return JSON.createObjectNode();
        }
        if (hparams.length() > MAX_CHARS) {
            throw new IllegalArgumentException("hparams longer than " + MAX_CHARS + " characters");
        }
        try {
            JsonNode n = JSON.readTree(hparams);
            if (!n.isObject()) {
                throw new IllegalArgumentException("hparams must be a JSON object, got: " + abbreviate(hparams));
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("hparams are not JSON: " + abbreviate(hparams));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
