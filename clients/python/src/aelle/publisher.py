"""Publishing checkpoints, outcomes and probes straight to Kafka, as the Java publishers do (no sidecar)."""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import Any, Dict, Optional, Union

from .checkpoint import parse_checkpoint
from .outcome import Outcome
from .probe import parse_probe
from .topics import Topics

#: The record limit of the Java publishers and of the topics ``aelle-monitor kafka``/``init-topics`` create.
DEFAULT_MAX_RECORD_BYTES = 64 << 20
#: Room for the key, headers and batch framing inside the record limit (the Java ``KafkaRecordSender``'s).
RECORD_OVERHEAD_BYTES = 1024


class PublishError(RuntimeError):
    """A record the broker did not acknowledge (or not in time)."""


@dataclass(frozen=True)
class Delivery:
    """Where an acknowledged record landed."""

    topic: str
    partition: int
    offset: int


FileOrBytes = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]"]


class Publisher:
    """Publishes AeLLE records to Kafka with the Java publishers' settings and keys.

    An idempotent producer with ``acks=all`` and zstd compression whose record limit (64 MiB by default) fits whole
    checkpoints. Keys: run_id for checkpoints and outcomes, study_id for probes; values are the files' bytes and the
    outcome JSON. Everything is checked before it is sent (a broken file never reaches a topic), and each
    ``publish_*`` call waits for the broker's acknowledgement, raising :class:`PublishError` otherwise.

    ``kafka_config``: further librdkafka properties, applied last, e.g.
    ``Publisher("broker:9093", **{"security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN", ...})``.
    """

    def __init__(self, bootstrap_servers: str, topics: Optional[Topics] = None,
                 max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, timeout: float = 60.0, **kafka_config: Any) -> None:
        from confluent_kafka import Producer

        if not bootstrap_servers or not str(bootstrap_servers).strip():
            raise ValueError("bootstrap servers are required (host:port)")
        if max_record_bytes < 1024:
            raise ValueError(f"max record bytes must be at least 1024, got {max_record_bytes}")
        self.bootstrap_servers = bootstrap_servers
        self.topics = topics or Topics()
        self.max_record_bytes = max_record_bytes
        self.timeout = timeout
        config: Dict[str, Any] = {
            "bootstrap.servers": bootstrap_servers,
            "enable.idempotence": True,
            "acks": "all",
            "compression.type": "zstd",
            "message.max.bytes": max_record_bytes,
            "linger.ms": 5,
        }
        config.update(kafka_config)
        self.config = config
        self._producer = Producer(config)
        self._lock = threading.Lock()
        self._closed = False

    def __repr__(self) -> str:  # never shows secrets of kafka_config
        return f"Publisher({self.bootstrap_servers!r}, topics={self.topics!r}, max_record_bytes={self.max_record_bytes})"

    def max_value_bytes(self, key: str) -> int:
        """The largest value a record may carry with this key."""
        return self.max_record_bytes - RECORD_OVERHEAD_BYTES - len(key.encode("utf-8"))

    def publish_checkpoint(self, checkpoint: FileOrBytes) -> Delivery:
        """Checks a checkpoint file (bytes or a path) as the monitor does and sends it as is, key run_id."""
        data = self._bytes(checkpoint)
        meta, _ = parse_checkpoint(data)
        return self._send(self.topics.checkpoints, meta.run_id, data,
                          f"checkpoint of run '{meta.run_id}' epoch {meta.epoch}")

    def publish_outcome(self, outcome: Outcome) -> Delivery:
        """Sends a finished run's outcome JSON, key run_id."""
        if not isinstance(outcome, Outcome):
            raise TypeError(f"expected an aelle.Outcome, got {type(outcome).__name__}")
        return self._send(self.topics.outcomes, outcome.run_id, outcome.to_json(), f"outcome of run '{outcome.run_id}'")

    def publish_probe(self, probe: FileOrBytes) -> Delivery:
        """Checks a probe file (bytes from :func:`aelle.make_probe`, or a path) and sends it, key study_id."""
        data = self._bytes(probe)
        study_id = parse_probe(data).study_id
        return self._send(self.topics.probes, study_id, data, f"probe of study '{study_id}'")

    def flush(self, timeout: Optional[float] = None) -> None:
        """Waits until every record sent so far is acknowledged or failed."""
        remaining = self._producer.flush(self.timeout if timeout is None else timeout)
        if remaining:
            raise PublishError(f"{remaining} records still unacknowledged by {self.bootstrap_servers}")

    def close(self) -> None:
        """Sends what is buffered; the publisher cannot be used afterwards."""
        if not self._closed:
            self._closed = True
            self._producer.flush(self.timeout)

    def __enter__(self) -> "Publisher":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _bytes(self, value: FileOrBytes) -> bytes:
        if isinstance(value, (bytes, bytearray, memoryview)):
            return bytes(value)
        size = os.path.getsize(value)
        if size > self.max_record_bytes:
            raise ValueError(f"{value} is {size} bytes, over the record limit of {self.max_record_bytes} bytes")
        with open(value, "rb") as f:
            return f.read()

    def _send(self, topic: str, key: str, value: bytes, what: str) -> Delivery:
        if self._closed:
            raise RuntimeError("the publisher is closed")
        if len(value) > self.max_value_bytes(key):
            raise ValueError(f"{what} is {len(value)} bytes, over the record limit of {self.max_record_bytes} bytes "
                             "(raise max_record_bytes and the topic's max.message.bytes)")
        from confluent_kafka import KafkaException

        result: Dict[str, Any] = {}

        def delivered(error: Any, message: Any) -> None:
            result["error"] = error
            result["message"] = message

        deadline = time.monotonic() + self.timeout
        with self._lock:
            while True:
                try:
                    self._producer.produce(topic, value=value, key=key.encode("utf-8"), on_delivery=delivered)
                    break
                except BufferError:  # the local queue is full: let deliveries drain it
                    if time.monotonic() > deadline:
                        raise PublishError(f"{what}: the producer queue stayed full for {self.timeout} s") from None
                    self._producer.poll(0.1)
                except KafkaException as e:
                    raise PublishError(f"{what} was not published to {topic} at {self.bootstrap_servers}: {e}") from e
            while "error" not in result:
                if time.monotonic() > deadline:
                    raise PublishError(f"{what} was not acknowledged by {self.bootstrap_servers} within {self.timeout} s")
                self._producer.poll(0.05)
        if result["error"] is not None:
            raise PublishError(f"{what} was not published to {topic} at {self.bootstrap_servers}: {result['error']}")
        message = result["message"]
        return Delivery(message.topic(), message.partition(), message.offset())
