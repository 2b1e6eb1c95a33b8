package io.aelle.monitor.job;

import io.aelle.monitor.record.RawRecord;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the job's three inputs come from: Kafka in production, whatever a test plugs in. */
public interface MonitorSources {

    /** Checkpoint files, key run_id. */
    DataStream<RawRecord> checkpoints(StreamExecutionEnvironment env);

    /** Probe files, key study_id; a null value removes the study's probe (compaction tombstone). */
    DataStream<RawRecord> probes(StreamExecutionEnvironment env);

    /**
     * Embedding bundles ({@link io.aelle.model.embedding.BundleArchive}), key study_id, from a table read whole at every
     * start; a null value removes the study's bundle (compaction tombstone).
     */
    DataStream<RawRecord> bundles(StreamExecutionEnvironment env);

    /** Outcome JSON, key run_id. */
    DataStream<RawRecord> outcomes(StreamExecutionEnvironment env);

    /**
     * Where the probes table ended when the job was built: partition → offset of its last record. The job takes
     * checkpoints once its probes input has reached these offsets (or a checkpoint has waited the probe hold).
     * Empty (the default): nothing to wait for.
     */
    default Map<Integer, Long> probeTableEnd() {
        return Map.of();
    }

    /** Where the bundles table ended when the job was built, as {@link #probeTableEnd()}. */
    default Map<Integer, Long> bundleTableEnd() {
        return Map.of();
    }
}
