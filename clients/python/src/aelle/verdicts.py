"""Reading the monitor's verdicts: the compacted ``aelle.verdicts`` topic, key run_id, value verdict JSON."""
from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, Optional

from ._files import json_object

LIKELY_LOW_ERROR = "LIKELY_LOW_ERROR"
LIKELY_HIGH_ERROR = "LIKELY_HIGH_ERROR"
#: A verdict the monitor could not give yet, e.g. a study without a bundle: never a reason to stop a run.
UNKNOWN = "UNKNOWN"
#: Verdict values above this size are skipped unread (a verdict is a few hundred bytes).
MAX_VERDICT_BYTES = 1 << 20

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    """The monitor's verdict on one checkpoint (the fields a pruner needs; every field of the JSON is in ``raw``).

    ``reason`` says why a verdict is ``UNKNOWN`` (e.g. "no bundle yet"); ``predicted_final_loss`` is None then.
    """

    run_id: str
    study_id: str
    epoch: int
    total_epochs: int
    verdict: str
    fraction: float
    predicted_final_loss: Optional[float] = None
    reason: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def likely_high_error(self) -> bool:
        return self.verdict == LIKELY_HIGH_ERROR

    @classmethod
    def parse(cls, data: bytes) -> "Verdict":
        """Reads verdict JSON; a malformed record is a ``ValueError``."""
        node = json_object(data, "verdict")
        for key in ("run_id", "verdict"):
            if not isinstance(node.get(key), str) or not node[key]:
                raise ValueError(f"bad verdict JSON: {key} must be a non-empty string")
        for key in ("epoch", "total_epochs"):
            if isinstance(node.get(key), bool) or not isinstance(node.get(key), int):
                raise ValueError(f"bad verdict JSON: {key} must be an integer")
        total = node["total_epochs"]
        fraction = node.get("fraction")
        if isinstance(fraction, bool) or not isinstance(fraction, (int, float)):
            fraction = node["epoch"] / total if total > 0 else 0.0
        loss = node.get("predicted_final_loss")
        return cls(node["run_id"], str(node.get("study_id") or ""), node["epoch"], total, node["verdict"],
                   float(fraction), float(loss) if isinstance(loss, (int, float)) and not isinstance(loss, bool) else None,
                   node.get("verdict_reason") if isinstance(node.get("verdict_reason"), str) else None, node)


class VerdictReader:
    """Keeps the latest verdict of every run of a study, read on a background thread.

    It reads every partition of the verdicts topic from the beginning (assigned partitions: it joins no consumer
    group and commits nothing) with ``isolation.level=read_committed``, so it sees only verdicts of committed
    monitor transactions; it waits for the topic to exist. ``study_id=None`` keeps every study's verdicts.
    Malformed records are logged and skipped. Use it as a context manager, or call :meth:`close`.
    """

    def __init__(self, bootstrap_servers: str, study_id: Optional[str] = None, topic: str = "aelle.verdicts",
                 **kafka_config: Any) -> None:
        from confluent_kafka import Consumer

        config: Dict[str, Any] = {
            "bootstrap.servers": bootstrap_servers,
            # librdkafka wants a group id; with assign() and no commits no group is ever joined.
            "group.id": f"aelle-verdict-reader-{uuid.uuid4()}",
            "enable.auto.commit": False,
            "enable.auto.offset.store": False,
            "auto.offset.reset": "earliest",
            "isolation.level": "read_committed",
            "max.partition.fetch.bytes": MAX_VERDICT_BYTES,
        }
        config.update(kafka_config)
        self.study_id = study_id
        self.topic = topic
        self._consumer = Consumer(config)
        self._latest: Dict[str, Verdict] = {}
        self._changed = threading.Condition()
        self._running = True
        self._assigned = threading.Event()
        self._thread = threading.Thread(target=self._poll_loop, name="aelle-verdict-reader", daemon=True)
        self._thread.start()

    def latest(self, run_id: str) -> Optional[Verdict]:
        """The newest verdict read so far for the run (highest epoch), or None."""
        with self._changed:
            return self._latest.get(run_id)

    def wait_for(self, run_id: str, min_epoch: int, timeout: float) -> Optional[Verdict]:
        """Waits up to ``timeout`` seconds for a verdict on epoch ``min_epoch`` or later of the run.

        Returns that verdict, or else the newest one there is (an earlier epoch), or None.
        """
        with self._changed:
            self._changed.wait_for(lambda: not self._running or self._at_least(run_id, min_epoch), timeout)
            return self._latest.get(run_id)

    def wait_until_assigned(self, timeout: float) -> bool:
        """Whether the reader found the topic and started reading within ``timeout`` seconds."""
        return self._assigned.wait(timeout)

    def verdicts(self) -> Dict[str, Verdict]:
        """A snapshot of the latest verdict of every run read so far."""
        with self._changed:
            return dict(self._latest)

    def close(self) -> None:
        """Stops the background thread and closes the consumer."""
        self._running = False
        self._thread.join(10)
        with self._changed:
            self._changed.notify_all()

    def __enter__(self) -> "VerdictReader":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _at_least(self, run_id: str, min_epoch: int) -> bool:
        v = self._latest.get(run_id)
        return v is not None and v.epoch >= min_epoch

    def _poll_loop(self) -> None:
        from confluent_kafka import OFFSET_BEGINNING, TopicPartition

        try:
            while self._running and not self._assigned.is_set():
                try:
                    meta = self._consumer.list_topics(self.topic, timeout=2.0).topics.get(self.topic)
                except Exception as e:  # broker not reachable yet: keep trying until closed
                    log.debug("verdict reader waiting for %s: %s", self.topic, e)
                    meta = None
                if meta is None or meta.error is not None or not meta.partitions:
                    threading.Event().wait(0.2)
                    continue
                self._consumer.assign([TopicPartition(self.topic, p, OFFSET_BEGINNING) for p in meta.partitions])
                self._assigned.set()
            while self._running:
                for message in self._consumer.consume(num_messages=500, timeout=0.2):
                    self._accept(message)
        except Exception as e:
            log.error("verdict reader stopped: %s", e)
        finally:
            self._running = False
            with self._changed:
                self._changed.notify_all()
            self._consumer.close()

    def _accept(self, message: Any) -> None:
        if message.error() is not None:
            log.debug("verdict reader: %s", message.error())
            return
        value = message.value()
        if value is None:
            return
        where = f"{message.topic()}-{message.partition()}@{message.offset()}"
        if len(value) > MAX_VERDICT_BYTES:
            log.warning("skipping a %d-byte verdict at %s", len(value), where)
            return
        try:
            verdict = Verdict.parse(value)
        except ValueError as e:
            log.warning("skipping malformed verdict at %s: %s", where, e)
            return
        if self.study_id is not None and verdict.study_id != self.study_id:
            return
        with self._changed:
            old = self._latest.get(verdict.run_id)
            if old is None or verdict.epoch >= old.epoch:
                self._latest[verdict.run_id] = verdict
            self._changed.notify_all()
