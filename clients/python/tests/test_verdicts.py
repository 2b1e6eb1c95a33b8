"""VerdictReader against a real broker: committed verdicts only, latest per run, wait_for, bad records skipped."""
import json
import time
import uuid

from confluent_kafka import Producer

import aelle
from aelle import VerdictReader


def verdict(run_id, epoch, value="LIKELY_HIGH_ERROR", study="s", total=10):
    return json.dumps({"run_id": run_id, "study_id": study, "epoch": epoch, "total_epochs": total,
                       "fraction": epoch / total, "pc1": 0.1, "pc2": -0.2, "predicted_final_loss": 1.5,
                       "verdict": value, "loss_baseline_verdict": "LIKELY_LOW_ERROR"}).encode()


def transactional(broker):
    p = Producer({"bootstrap.servers": broker, "transactional.id": f"test-{uuid.uuid4()}"})
    p.init_transactions(30)
    return p


def test_reads_committed_verdicts_latest_per_run_and_waits(broker):
    topic = f"verdicts-{uuid.uuid4().hex[:8]}"
    p = transactional(broker)
    p.begin_transaction()
    p.produce(topic, key=b"r1", value=verdict("r1", 1, "LIKELY_LOW_ERROR"))
    p.produce(topic, key=b"r1", value=verdict("r1", 3))
    p.produce(topic, key=b"r1", value=verdict("r1", 2, "LIKELY_LOW_ERROR"))  # older epoch, later offset
    p.produce(topic, key=b"bad", value=b"{not json")
    p.produce(topic, key=b"other", value=verdict("other", 1, study="t"))
    p.commit_transaction(30)
    p.begin_transaction()
    p.produce(topic, key=b"r2", value=verdict("r2", 1))
    p.abort_transaction(30)  # never committed: a read_committed reader must not see it
    with VerdictReader(broker, study_id="s", topic=topic) as reader:
        v = reader.wait_for("r1", 3, timeout=30)
        assert v is not None and (v.epoch, v.verdict, v.likely_high_error, v.fraction) == (3, "LIKELY_HIGH_ERROR", True, 0.3)
        assert reader.latest("r1") == v and v.raw["pc2"] == -0.2
        assert reader.latest("other") is None  # another study's
        start = time.monotonic()
        assert reader.wait_for("r2", 1, timeout=1.5) is None
        assert time.monotonic() - start >= 1.4
        assert reader.wait_for("r1", 4, timeout=0.5).epoch == 3  # nothing newer: the latest there is
        p.begin_transaction()
        unknown = json.loads(verdict("r2", 4, aelle.UNKNOWN))  # the Java Verdict writes NaN doubles as strings
        unknown.update(pc1="NaN", pc2="NaN", predicted_final_loss="NaN", verdict_reason="no bundle yet")
        p.produce(topic, key=b"r2", value=json.dumps(unknown).encode())
        p.commit_transaction(30)
        v2 = reader.wait_for("r2", 1, timeout=30)
        assert v2 is not None and v2.verdict == "UNKNOWN" and not v2.likely_high_error
        assert v2.reason == "no bundle yet" and v2.predicted_final_loss is None
        assert set(reader.verdicts()) == {"r1", "r2"}


def test_waits_for_the_topic_to_exist(broker):
    topic = f"verdicts-{uuid.uuid4().hex[:8]}"
    with VerdictReader(broker, topic=topic) as reader:
        assert reader.wait_for("r", 0, timeout=1.0) is None
        p = transactional(broker)
        p.begin_transaction()
        p.produce(topic, key=b"r", value=verdict("r", 0, total=5))
        p.commit_transaction(30)
        assert reader.wait_for("r", 0, timeout=30).total_epochs == 5
