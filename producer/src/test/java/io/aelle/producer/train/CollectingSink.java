package io.aelle.producer.train;

import io.aelle.model.checkpoint.Checkpoint;
import io.aelle.model.checkpoint.Probe;
import io.aelle.producer.CheckpointSink;
import io.aelle.producer.Outcome;
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
