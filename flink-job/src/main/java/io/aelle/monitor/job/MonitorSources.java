package io.aelle.monitor.job;

import io.aelle.monitor.record.RawRecord;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the job's three inputs come from: Kafka in production, whatever a test plugs in. */
public interface MonitorSources {

    /** Checkpoint files, key run_id. */
    DataStream<RawRecord> checkpoints(StreamExecutionEnvironment env);

    /** Probe files, key study_id; a null value removes the study's probe (compaction tombstone). */
    DataStream<RawRecord> probes(StreamExecutionEnvironment env);

    /** Outcome JSON, key run_id. */
    DataStream<RawRecord> outcomes(StreamExecutionEnvironment env);
}
