package io.aelle.producer.train;

import io.aelle.producer.CheckpointSink;
import io.aelle.wire.Outcome;
import io.aelle.wire.checkpoint.Checkpoint;
import io.aelle.wire.checkpoint.Probe;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test sink: keeps what was published, in order. */
public class CollectingSink implements CheckpointSink {

    public final List<Probe> probes = new CopyOnWriteArrayList<>();
    public final List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
    public final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

    @Override
    public void publishProbe(Probe probe) {
        probes.add(probe);
    }

    @Override
    public void publishCheckpoint(Checkpoint checkpoint) {
        checkpoints.add(Checkpoint.parse(checkpoint.toBytes())); // through the wire format
    }

    @Override
    public void publishOutcome(Outcome outcome) {
        outcomes.add(outcome);
    }

    @Override
    public void close() {}
}
