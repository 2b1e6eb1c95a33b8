package io.aelle.monitor.ops;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.monitor.analysis.AnalyzerFactory;
import io.aelle.monitor.job.MonitorSettings;
import io.aelle.monitor.kafka.KafkaWiring;
import io.aelle.monitor.local.LocalMonitor;
import io.aelle.monitor.metrics.MonitorMetrics;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.wire.checkpoint.Probe;
import io.aelle.wire.checkpoint.Tensor;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * The monitor on one machine for the ops tests: the embedded KRaft broker with the monitor's topics, and the
 * job on a Flink MiniCluster whose task managers serve the monitor's {@code /metrics} and Flink's own metrics
 * (Prometheus reporter: Kafka source lag, checkpoints) on loopback ports.
 */
public final class MonitorStack implements AutoCloseable {

    private static final int PARALLELISM = 2;

    final EmbeddedKafka kafka;
    final int monitorMetricsPort;
    final int flinkMetricsPort;
    private final LocalMonitor monitor;

    private MonitorStack(EmbeddedKafka kafka, int monitorMetricsPort, int flinkMetricsPort, LocalMonitor monitor) {
        this.kafka = kafka;
        this.monitorMetricsPort = monitorMetricsPort;
        this.flinkMetricsPort = flinkMetricsPort;
        this.monitor = monitor;
    }

    static MonitorStack start(AnalyzerFactory analyzers) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            KafkaWiring wiring = KafkaWiring.defaults(kafka.bootstrapServers());
            // As run and demo do: the registry is made and served at the entry, the job's operators report to it.
            MonitorMetrics metrics = new MonitorMetrics();
            int monitorPort = metrics.serve("127.0.0.1", 0);
            int flinkPort = PrometheusServer.freePort();
            // The path run and demo take: LocalMonitor with Flink's Prometheus reporter (consumer lag).
            LocalMonitor monitor = LocalMonitor.start(wiring, analyzers, metrics, MonitorSettings.defaults()
                            .withMetrics("127.0.0.1", monitorPort).withProbeHold(Duration.ofSeconds(30)).withRunEmbedding(true),
                    PARALLELISM, null, flinkPort);
            return new MonitorStack(kafka, monitorPort, flinkPort, monitor);
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } catch (Exception e) {
            // the MiniCluster goes down with the JVM's shutdown in any case
        }
        monitor.metrics().stopServing();
        kafka.close();
    }

    // ---- a small real stream -------------------------------------------------------------------------------

    static final int INPUTS = 3;

    /** A study's probe: B sequences of T steps of {@link #INPUTS} Gaussian inputs. */
    public static Probe probe(String study, double lossThreshold, int sequences, int steps, long seed) {
        return new Probe(study, "ops-test", lossThreshold, "reference", 20, gaussian(Probe.INPUTS,
                new int[] {sequences, steps, INPUTS}, 1.0, new Random(seed)));
    }

    /** A tanh RNN checkpoint; {@code gain} scales the recurrent weights (small: contracting, large: chaotic). */
    public static Checkpoint rnnCheckpoint(String run, String study, int epoch, int totalEpochs, int hidden, double gain,
                                    double valLoss, long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("rnn_layer.weight_ih_l0", gaussian("rnn_layer.weight_ih_l0", new int[] {hidden, INPUTS}, 0.5, r));
        t.put("rnn_layer.weight_hh_l0", gaussian("rnn_layer.weight_hh_l0", new int[] {hidden, hidden},
                gain / Math.sqrt(hidden), r));
        t.put("rnn_layer.bias_ih_l0", gaussian("rnn_layer.bias_ih_l0", new int[] {hidden}, 0.1, r));
        t.put("rnn_layer.bias_hh_l0", gaussian("rnn_layer.bias_hh_l0", new int[] {hidden}, 0.1, r));
        CheckpointMetadata meta = new CheckpointMetadata(run, study, epoch, totalEpochs, OptionalDouble.of(valLoss),
                OptionalDouble.empty(), "rnn", "rnn_layer.", null, Instant.now());
        return new Checkpoint(meta, t);
    }

    /** The same checkpoint with one recurrent weight replaced by NaN (the job dead-letters it). */
    static Checkpoint withNaN(Checkpoint c) {
        Map<String, Tensor> t = new LinkedHashMap<>(c.tensors());
        Tensor hh = t.get("rnn_layer.weight_hh_l0");
        double[] data = hh.data().clone();
        data[0] = Double.NaN;
        t.put(hh.name(), new Tensor(hh.name(), hh.shape(), data));
        return new Checkpoint(c.metadata(), t);
    }

    private static Tensor gaussian(String name, int[] shape, double scale, Random r) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * r.nextGaussian());
        }
        return new Tensor(name, shape, v);
    }
}
