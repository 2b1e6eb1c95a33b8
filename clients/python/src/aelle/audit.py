"""Which runs train on as audits of early-stopping decisions: the Java listener's draw, bit for bit.

A run whose stop is due trains on to the end instead when ``unit(seed, run_id) < audit_rate``; its outcome then
carries ``"audit": true``, and the monitor's ``aelle_stop_precision`` is the share of audited runs that did end with
high error, an unbiased estimate of how often the stops are right. The draw depends only on (seed, run id), so a
rerun draws the same whatever other runs exist.
"""
from __future__ import annotations

import hashlib

#: The Java ``AelleTrainingListener.Settings.DEFAULT_AUDIT_SEED``.
DEFAULT_AUDIT_SEED = 20261130
DEFAULT_AUDIT_RATE = 0.1


def unit(seed: int, run_id: str) -> float:
    """A uniform number in [0, 1): the first 7 bytes of SHA-256 of ``"seed:run_id"`` over 2^56 (``RunPartition.unit``)."""
    digest = hashlib.sha256(f"{int(seed)}:{run_id}".encode("utf-8")).digest()
    return int.from_bytes(digest[:7], "big") / float(1 << 56)


def audited(seed: int, run_id: str, audit_rate: float) -> bool:
    """Whether this run, once a stop is due, trains on as an audit."""
    return unit(seed, run_id) < audit_rate
