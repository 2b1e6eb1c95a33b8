package io.aelle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.kafka.ProducerSettings;
import io.aelle.kafka.TopicInitializer;
import io.aelle.monitor.bench.SyntheticRuns;
import io.aelle.monitor.local.CommittedReader;
import io.aelle.monitor.score.Cell;
import io.aelle.monitor.score.FractionBucket;
import io.aelle.monitor.score.Scoring;
import io.aelle.producer.kafka.KafkaCheckpointSink;
import io.aelle.wire.Outcome;
import io.aelle.wire.RunTruth;
import io.aelle.wire.Topics;
import io.aelle.wire.Verdict;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Probe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's kill, automated: {@code run} in a child JVM (the shipped smnist-demo bundle, durable state), killed
 * with SIGKILL mid-study once a set number of verdicts is committed, then started again with the same command while
 * the trainers go on publishing. Exactly one committed verdict per checkpoint, nothing dead-lettered, every run
 * scored once and the confusion counts of an uninterrupted run. Prints the figures (verdicts, duplicates, dead
 * letters, time to resume).
 */
class RunKillTest {

    private static final String STUDY = "smnist-demo"; // the shipped bundle's study
    /** Runs 0 and 1 (scored before the kill) train 5 epochs, the others 4: some tables get nothing after the restart. */
    private static final int EARLY_RUNS = 2;
    private static final double THRESHOLD = 0.3;
    private static final double[] FINAL_LOSS = {0.1, 0.5, 0.2, 0.9, 0.15, 0.6};
    private static final int HIDDEN = 6;
    private static final int INPUTS = 3;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern SAMPLE = Pattern.compile("^aelle_confusion\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    private static String run(int i) {
        return STUDY + "-kill-" + i;
    }

    private static int totalEpochs(int run) {
        return run < EARLY_RUNS ? 5 : 4;
    }

    private static Checkpoint checkpoint(int run, int epoch) {
        double valLoss = FINAL_LOSS[run] + 0.4 * (1 - (double) epoch / totalEpochs(run));
        return SyntheticRuns.lstm(run(run), STUDY, epoch, totalEpochs(run), HIDDEN, INPUTS, 0.5 + 0.5 * run, valLoss, 1000L * run + epoch);
    }

    private static Outcome outcome(int run) {
        return new Outcome(run(run), STUDY, FINAL_LOSS[run], totalEpochs(run), Outcome.COMPLETED);
    }

    @Test
    void sigkillMidStudyThenRestartGivesOneVerdictPerCheckpointAndTheCountsOfAnUninterruptedRun() throws Exception {
        Path state = tmp.resolve("state");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Topics topics = Topics.defaults();
            try (TopicInitializer init = new TopicInitializer(kafka.bootstrapServers())) {
                init.initialize(topics, 2, (short) 1, ProducerSettings.DEFAULT_MAX_RECORD_BYTES);
            }
            int metricsPort = freePort();
            List<String> cmd = command(kafka.bootstrapServers(), state, metricsPort);
            int runs = FINAL_LOSS.length;
            int total = IntStream.range(0, runs).map(i -> totalEpochs(i) + 1).sum();
            Probe probe = SyntheticRuns.probe(STUDY, THRESHOLD, 2, 10, INPUTS, 20, 7);

            Process first = start(cmd, tmp.resolve("first.log"));
            Map<String, Verdict> verdicts = new HashMap<>();
            List<Verdict> all = new ArrayList<>();
            try (KafkaCheckpointSink sink = new KafkaCheckpointSink(ProducerSettings.of(kafka.bootstrapServers()), topics);
                 CommittedReader reader = new CommittedReader(kafka.bootstrapServers(), topics.verdicts())) {
                sink.publishProbe(probe);
                // The early runs train to the end; the others reach epoch 1.
                int phaseOne = 0; // checkpoints published before the kill
                for (int epoch = 0; epoch <= totalEpochs(0); epoch++) {
                    for (int i = 0; i < runs; i++) {
                        if (epoch <= totalEpochs(i) && (i < EARLY_RUNS || epoch <= 1)) {
                            sink.publishCheckpoint(checkpoint(i, epoch));
                            phaseOne++;
                        }
                    }
                }
                for (int i = 0; i < EARLY_RUNS; i++) {
                    sink.publishOutcome(outcome(i));
                }
                sink.flush();
                int committedBeforeKill = phaseOne;
                collect(reader, verdicts, all, () -> verdicts.size() >= committedBeforeKill, first);
                // The early runs scored: their tables are in the job's state (the next Flink checkpoint has them).
                await(() -> scoredAelle(metricsPort) == committedBeforeKill - (runs - EARLY_RUNS) * 2, "the early runs scored", first);

                // Epoch 2 of the others; SIGKILL as soon as two of them are committed, the rest in flight.
                for (int i = EARLY_RUNS; i < runs; i++) {
                    sink.publishCheckpoint(checkpoint(i, 2));
                }
                sink.flush();
                collect(reader, verdicts, all, () -> verdicts.size() >= committedBeforeKill + 2, first);
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no cancellation
                assertTrue(first.waitFor(30, TimeUnit.SECONDS));
                int beforeKill = verdicts.size();

                // The trainers go on while the monitor is down.
                for (int i = EARLY_RUNS; i < runs; i++) {
                    for (int epoch = 3; epoch <= totalEpochs(i); epoch++) {
                        sink.publishCheckpoint(checkpoint(i, epoch));
                    }
                }
                for (int i = EARLY_RUNS; i < runs; i++) {
                    sink.publishOutcome(outcome(i));
                }
                sink.flush();

                long restartAt = System.nanoTime();
                Path secondLog = tmp.resolve("second.log");
                Process second = start(cmd, secondLog);
                try {
                    await(() -> log(secondLog).contains("resuming from checkpoint"), "the resume line in " + secondLog, second);
                    double resumeLine = (System.nanoTime() - restartAt) / 1e9;
                    int[] after = {verdicts.size()};
                    collect(reader, verdicts, all, () -> verdicts.size() > after[0], second);
                    double firstNewVerdict = (System.nanoTime() - restartAt) / 1e9;
                    collect(reader, verdicts, all, () -> verdicts.size() >= total, second);
                    double allVerdicts = (System.nanoTime() - restartAt) / 1e9;
                    // Two seconds more (several checkpoint intervals): a duplicate would be committed by now.
                    long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    while (System.nanoTime() < settle) {
                        reader.poll(Duration.ofMillis(200)).forEach(r -> all.add(r.verdict()));
                    }
                    int deadLetters = deadLetters(kafka.bootstrapServers(), topics.deadLetters());

                    Map<String, Double> expected = expectedConfusion(verdicts);
                    await(() -> scoredAelle(metricsPort) == total, "all " + total + " verdicts scored on /metrics", second);
                    Map<String, Double> counts = confusion(metricsPort);
                    System.out.printf(Locale.ROOT, "kill test: %d checkpoints, %d committed verdicts (%d distinct, %d before the kill), "
                                    + "%d duplicates, %d dead letters; resume line %.1f s, first verdict after restart %.1f s, "
                                    + "all verdicts %.1f s after the restart%n", total, all.size(), verdicts.size(), beforeKill,
                            all.size() - verdicts.size(), deadLetters, resumeLine, firstNewVerdict, allVerdicts);
                    assertEquals(total, verdicts.size(), "a verdict for every checkpoint");
                    assertEquals(total, all.size(), "exactly one committed verdict per checkpoint");
                    assertEquals(0, deadLetters, "nothing dead-lettered");
                    // loss-median's cells depend on the order checkpoints reached the job (it compares each with the
                    // study's earlier ones), which the verdicts do not record: it must still score every checkpoint once.
                    Map<String, Double> lossMedian = new TreeMap<>(counts);
                    lossMedian.keySet().removeIf(k -> !k.startsWith("loss-median|"));
                    counts.keySet().removeIf(k -> k.startsWith("loss-median|"));
                    assertEquals(expected, counts, "confusion counts of an uninterrupted run");
                    assertEquals(total, lossMedian.values().stream().mapToDouble(Double::doubleValue).sum(), 0.0,
                            "loss-median scored every checkpoint once");
                    assertEquals(0.0, gauge(metricsPort, "aelle_runs_active"), "every run scored, none pending");
                } finally {
                    second.destroy();
                    second.waitFor(60, TimeUnit.SECONDS);
                }
            } finally {
                first.destroyForcibly();
            }
        }
    }

    /** The confusion cells an uninterrupted run gives: each verdict scored once against its run's known outcome. */
    private static Map<String, Double> expectedConfusion(Map<String, Verdict> verdicts) {
        Map<String, Double> cells = new TreeMap<>();
        for (Verdict v : verdicts.values()) {
            int run = Integer.parseInt(v.runId().substring(v.runId().lastIndexOf('-') + 1));
            boolean actual = Scoring.truth(Outcome.COMPLETED, FINAL_LOSS[run], THRESHOLD) == RunTruth.LOW_ERROR;
            String bucket = FractionBucket.of(v.fraction());
            cells.merge("aelle|" + bucket + "|" + Cell.of(v.likelyLowError(), actual).tag(), 1.0, Double::sum);
            boolean baseline = Verdict.LIKELY_LOW_ERROR.equals(v.lossBaselineVerdict());
            cells.merge("loss-threshold|" + bucket + "|" + Cell.of(baseline, actual).tag(), 1.0, Double::sum);
        }
        return cells;
    }

    /** The study's non-zero aelle_confusion cells on the child's /metrics: predictor|fraction|cell → count. */
    private static Map<String, Double> confusion(int port) {
        Map<String, Double> cells = new TreeMap<>();
        Matcher m = SAMPLE.matcher(scrape(port));
        while (m.find()) {
            Map<String, String> labels = new HashMap<>();
            for (String kv : m.group(1).split(",")) {
                String[] p = kv.split("=", 2);
                labels.put(p[0], p[1].replace("\"", ""));
            }
            double value = Double.parseDouble(m.group(2));
            if (STUDY.equals(labels.get("study")) && value != 0) {
                cells.put(labels.get("predictor") + "|" + labels.get("fraction") + "|" + labels.get("cell"), value);
            }
        }
        return cells;
    }

    private static double scoredAelle(int port) {
        return confusion(port).entrySet().stream().filter(e -> e.getKey().startsWith("aelle|")).mapToDouble(Map.Entry::getValue).sum();
    }

    private static double gauge(int port, String name) {
        Matcher m = Pattern.compile("^" + name + " (\\S+)$", Pattern.MULTILINE).matcher(scrape(port));
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static String scrape(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return ""; // not serving yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int deadLetters(String bootstrap, String topic) {
        int n = 0;
        try (CommittedReader dead = new CommittedReader(bootstrap, topic)) {
            for (int i = 0; i < 5; i++) {
                n += dead.pollRecords(Duration.ofMillis(400)).size();
            }
        }
        return n;
    }

    private static void collect(CommittedReader reader, Map<String, Verdict> verdicts, List<Verdict> all, BooleanSupplier done,
                                Process monitor) {
        await(() -> {
            for (CommittedReader.Received r : reader.poll(Duration.ofMillis(200))) {
                all.add(r.verdict());
                verdicts.put(r.verdict().runId() + "@" + r.verdict().epoch(), r.verdict());
            }
            return done.getAsBoolean();
        }, "committed verdicts (have " + verdicts.size() + ")", monitor);
    }

    private static void await(BooleanSupplier condition, String what, Process monitor) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (!monitor.isAlive()) {
                throw new AssertionError("the monitor exited (" + monitor.exitValue() + ") while waiting for " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private List<String> command(String bootstrap, Path state, int metricsPort) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-Xss4m",
                "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true", "-Djava.io.tmpdir=" + tmp,
                "-cp", classpath, AelleMonitorCli.class.getName(), "run", "--bootstrap-servers", bootstrap,
                "--bundle", STUDY, "--state-dir", state.toString(), "--metrics-host", "127.0.0.1",
                "--metrics-port", Integer.toString(metricsPort), "--checkpoint-interval", "PT0.3S", "--probe-hold", "PT2M");
    }

    private static Process start(List<String> cmd, Path log) throws IOException {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String log(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
