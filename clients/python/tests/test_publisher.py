"""Publisher against a real broker (``aelle-monitor kafka``): keys, values, settings and refusals."""
import time
import uuid

import numpy as np
import pytest
from confluent_kafka import Consumer, TopicPartition

import aelle
from aelle import Outcome, Topics


def fresh_topics() -> Topics:
    """Topics of their own (auto-created by the broker on first use) so tests see only their records."""
    tag = uuid.uuid4().hex[:8]
    return Topics(f"t-{tag}.checkpoints", f"t-{tag}.outcomes", f"t-{tag}.probes", f"t-{tag}.verdicts", f"t-{tag}.dlq")


def read_all(broker: str, topic: str, count: int, timeout: float = 30.0):
    consumer = Consumer({"bootstrap.servers": broker, "group.id": uuid.uuid4().hex, "enable.auto.commit": False,
                         "isolation.level": "read_committed"})
    consumer.assign([TopicPartition(topic, 0, 0)])
    records = []
    try:
        deadline = time.monotonic() + timeout
        while len(records) < count and time.monotonic() < deadline:
            for m in consumer.consume(10, 0.5):
                if m.error() is None:
                    records.append((m.key(), m.value()))
    finally:
        consumer.close()
    return records


STATE = {"rnn_layer.weight_ih_l0": np.ones((8, 3), np.float32), "rnn_layer.weight_hh_l0": np.eye(8, 2, dtype=np.float32)}


def test_settings_are_the_java_publishers():
    p = aelle.Publisher("localhost:1", **{"linger.ms": 1, "client.id": "x"})
    assert p.config["enable.idempotence"] is True and p.config["acks"] == "all"
    assert p.config["compression.type"] == "zstd" and p.config["message.max.bytes"] == 64 << 20
    assert p.config["linger.ms"] == 1 and p.config["client.id"] == "x"  # caller's settings applied last
    assert p.max_value_bytes("run-1") == (64 << 20) - 1024 - 5


def test_publishes_checkpoint_outcome_and_probe_with_the_java_keys(broker, tmp_path):
    topics = fresh_topics()
    with aelle.Publisher(broker, topics=topics) as p:
        data = aelle.checkpoint_bytes(STATE, "run-ü", "study-a", 1, 4, val_loss=0.5)
        path = aelle.save_checkpoint(STATE, tmp_path, "run-2", "study-a", 2, 4)
        d1 = p.publish_checkpoint(data)
        p.publish_checkpoint(path)
        p.publish_outcome(Outcome("run-ü", "study-a", 0.4, 4))
        probe = aelle.make_probe(np.zeros((2, 5, 3)), "study-a", "smnist", 1.0)
        p.publish_probe(probe)
    assert d1.topic == topics.checkpoints and d1.offset == 0
    assert read_all(broker, topics.checkpoints, 2) == [("run-ü".encode(), data), (b"run-2", path.read_bytes())]
    assert read_all(broker, topics.outcomes, 1) == [("run-ü".encode(), Outcome("run-ü", "study-a", 0.4, 4).to_json())]
    assert read_all(broker, topics.probes, 1) == [(b"study-a", probe)]


def test_refuses_invalid_and_oversized_records_before_sending(broker):
    topics = fresh_topics()
    with aelle.Publisher(broker, topics=topics, max_record_bytes=4096) as p:
        with pytest.raises(aelle.SafetensorsFormatError):
            p.publish_checkpoint(b"\x00" * 16)
        with pytest.raises(ValueError, match="aelle.run_id"):
            p.publish_checkpoint(aelle.safetensors.encode(STATE, {"aelle.study_id": "s"}))
        big = {"w": np.zeros(2048, np.float32), **STATE}
        with pytest.raises(ValueError, match="over the record limit of 4096 bytes"):
            p.publish_checkpoint(aelle.checkpoint_bytes(big, "r", "s", 1, 2))
        with pytest.raises(TypeError):
            p.publish_outcome({"run_id": "r"})
        p.publish_outcome(Outcome("sentinel", "s", 1.0, 1))
    assert read_all(broker, topics.checkpoints, 1, timeout=3) == []
    assert [k for k, _ in read_all(broker, topics.outcomes, 1)] == [b"sentinel"]


def test_an_unreachable_broker_is_a_publish_error():
    p = aelle.Publisher("127.0.0.1:1", timeout=2.0)
    with pytest.raises(aelle.PublishError, match="not acknowledged"):
        p.publish_outcome(Outcome("r", "s", 1.0, 1))
