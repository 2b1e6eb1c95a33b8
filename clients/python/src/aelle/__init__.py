"""AeLLE Monitor's Python client: checkpoints, outcomes and probes for the monitor, and its verdicts back.

- :func:`save_checkpoint`, :func:`save_outcome`, :func:`make_probe`: the files the monitor reads, written here
  without the safetensors package (``aelle-monitor attach DIR`` publishes a folder of them);
- :class:`Publisher`: sends them straight to Kafka (no sidecar);
- :class:`VerdictReader`: the monitor's verdicts per run;
- :mod:`aelle.optuna`: an Optuna pruner on those verdicts (needs optuna).
"""
from .audit import DEFAULT_AUDIT_RATE, DEFAULT_AUDIT_SEED
from .checkpoint import CheckpointMetadata, checkpoint_bytes, parse_checkpoint, save_checkpoint
from .outcome import COMPLETED, FAILED, STOPPED_EARLY, Outcome, save_outcome
from .probe import Probe, make_probe, parse_probe, save_probe
from .publisher import DEFAULT_MAX_RECORD_BYTES, Delivery, PublishError, Publisher
from .safetensors import SafetensorsFile, SafetensorsFormatError
from .topics import Topics
from .verdicts import LIKELY_HIGH_ERROR, LIKELY_LOW_ERROR, UNKNOWN, Verdict, VerdictReader

__version__ = "0.1.0"

__all__ = [
    "CheckpointMetadata", "checkpoint_bytes", "parse_checkpoint", "save_checkpoint",
    "Outcome", "save_outcome", "COMPLETED", "FAILED", "STOPPED_EARLY",
    "Probe", "make_probe", "parse_probe", "save_probe",
    "Publisher", "PublishError", "Delivery", "DEFAULT_MAX_RECORD_BYTES",
    "VerdictReader", "Verdict", "LIKELY_LOW_ERROR", "LIKELY_HIGH_ERROR", "UNKNOWN",
    "SafetensorsFile", "SafetensorsFormatError", "Topics", "DEFAULT_AUDIT_RATE", "DEFAULT_AUDIT_SEED",
]
