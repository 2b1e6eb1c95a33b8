"""End to end: the docs' "PyTorch + Optuna in 20 lines" study against a real broker and the running monitor.

Tiny ``nn.LSTM`` trials on sequential MNIST publish their checkpoints straight to the broker of
``aelle-monitor kafka``; the monitor (``aelle-monitor run``) issues verdicts; ``AellePruner`` prunes trials on them.
The example runs verbatim except for its settings line. Phase 1 runs the ``STARTUP`` trials the monitor needs to
have a bundle for this new study; phase 2 continues the same study with pruning.

MONITOR picks how the study gets its bundle:
- ``"auto-train"``: ``run --auto-train`` trains one from the finished runs and publishes it only when it beats the
  strongest baseline on the same runs. On this tiny study it may refuse (it did in every run so far: the loss-median
  baseline wins); the trainer's decision is then asserted and reported, and the manual workflow's bundle is published
  to the same running monitor with ``publish-bundle`` (the live bundle path), so that phase 2 has verdicts to prune on;
- ``"manual"``: after phase 1, ``dataset --from kafka`` + ``train`` build it and ``run --bundle`` serves it.
"""
from __future__ import annotations

import collections
import json
import re
import subprocess
import threading
import time
import uuid
from pathlib import Path
from typing import Dict, Set, Tuple

import optuna
import pytest
import torch
from confluent_kafka import Consumer, TopicPartition

import aelle
from aelle import audit
from conftest import ROOT, SHARED, JavaProcess, launcher

MONITOR = "auto-train"  # or "manual" (dataset + train + run --bundle)
STARTUP, REST, EPOCHS, N = 14, 10, 5, 1024
EXAMPLE = ROOT / "clients" / "python" / "examples" / "optuna_smnist.py"
SETTINGS = re.compile(r"^BOOTSTRAP, STUDY, .*$", re.MULTILINE)
REPORT = ROOT / "clients" / "python" / "target" / "e2e-optuna.txt"


class TopicRecords:
    """Every committed record of a topic, collected on a thread from the beginning: JSON values parsed, others as
    (key, value) bytes."""

    def __init__(self, broker: str, topic: str) -> None:
        self.records: list = []
        self.lock = threading.Lock()
        self.running = True
        self.consumer = Consumer({"bootstrap.servers": broker, "group.id": uuid.uuid4().hex,
                                  "enable.auto.commit": False, "isolation.level": "read_committed"})
        partitions = self.consumer.list_topics(topic, timeout=30).topics[topic].partitions
        self.consumer.assign([TopicPartition(topic, p, 0) for p in partitions])
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while self.running:
            for m in self.consumer.consume(100, 0.2):
                if m.error() is None and m.value() is not None:
                    with self.lock:
                        self.records.append(json.loads(m.value()) if m.value()[:1] == b"{" else (m.key(), m.value()))
        self.consumer.close()

    def snapshot(self) -> list:
        with self.lock:
            return list(self.records)

    def close(self) -> None:
        self.running = False
        self.thread.join(10)


def checkpoint_keys(records) -> Set[Tuple[str, int]]:
    keys = set()
    for _, data in records:
        meta, _ = aelle.parse_checkpoint(data)
        keys.add((meta.run_id, meta.epoch))
    return keys


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.5)


def java(*args: str, timeout: float = 300) -> None:
    result = subprocess.run(launcher(*args), capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    assert result.returncode == 0, f"aelle-monitor {args[0]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def start_monitor(broker: str, tmp: Path, study: str, *extra: str) -> JavaProcess:
    return JavaProcess(["run", "--bootstrap-servers", broker, "--state-dir", str(tmp / "state"), "--group",
                        f"e2e-{study}", "--metrics-port", "-1", "--flink-metrics-port", "-1",
                        "--checkpoint-interval", "PT0.5S", *extra], tmp / "monitor.log")


def manual_bundle(broker: str, tmp: Path, study: str) -> str:
    """The manual workflow: the study's finished runs from Kafka → dataset → a bundle directory."""
    java("dataset", "--from", "kafka", "--bootstrap-servers", broker, "--study", study, "--out", str(tmp / "dataset"))
    java("train", "--dataset", str(tmp / "dataset"), "--embedding", "dsae-supervised", "--epochs", "60",
         "--loss-threshold", "median", "--out", str(tmp / "bundle"))
    return str(tmp / "bundle")


@pytest.mark.e2e
def test_optuna_study_pruned_by_the_monitor(broker: str, tmp_path: Path) -> None:
    started = time.monotonic()
    torch.set_num_threads(1)
    torch.manual_seed(0)  # the example draws each trial's initial weights from torch's global generator: one seed
    # makes the whole study, and so the bundle trained on its first runs, the same on every run
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study_name = "smnist-optuna-e2e"  # a fresh broker per session; a fixed name makes the audit draws fixed too
    monitor, bundles, trainer_decision = None, None, "-"
    if MONITOR == "auto-train":
        monitor = start_monitor(broker, tmp_path, study_name, "--auto-train", "--min-runs", str(STARTUP))
        bundles = TopicRecords(broker, "aelle.bundles")  # key study_id
    namespace: Dict[str, object] = {"__name__": "example"}
    checkpoints = TopicRecords(broker, "aelle.checkpoints")
    verdicts = TopicRecords(broker, "aelle.verdicts")
    outcomes = TopicRecords(broker, "aelle.outcomes")
    dead_letters = TopicRecords(broker, "aelle.dead-letters")
    try:
        # Phase 1: the docs example, verbatim but for its settings line.
        source = SETTINGS.sub(f"BOOTSTRAP, STUDY, MNIST, TRIALS, STARTUP, EPOCHS, N = {broker!r}, {study_name!r}, "
                              f"{str(SHARED / 'data' / 'mnist')!r}, {STARTUP}, {STARTUP}, {EPOCHS}, {N}",
                              EXAMPLE.read_text(), count=1)
        assert source != EXAMPLE.read_text()
        exec(compile(source, str(EXAMPLE), "exec"), namespace)
        study: optuna.Study = namespace["study"]  # type: ignore[assignment]
        assert [t.state for t in study.trials] == [optuna.trial.TrialState.COMPLETE] * STARTUP
        phase1 = time.monotonic()

        def mine(records):
            return {k for k in checkpoint_keys(records) if k[0].startswith(study_name)}

        def verdict_keys():
            return {(v["run_id"], v["epoch"]) for v in verdicts.snapshot() if v.get("study_id") == study_name}

        if MONITOR == "manual":
            wait_until(lambda: len(mine(checkpoints.snapshot())) == STARTUP * EPOCHS, 60, "phase-1 checkpoints")
            bundle = manual_bundle(broker, tmp_path, study_name)
            monitor = start_monitor(broker, tmp_path, study_name, "--bundle", bundle)
        else:
            decision = monitor.wait_for_line(
                rf"trainer: study {re.escape(study_name)}: (no bundle: .*|\S+ bundle on .*: publish)", 300)
            trainer_decision = decision.group(0)
            if decision.group(1).startswith("no bundle"):
                java("publish-bundle", "--bootstrap-servers", broker, manual_bundle(broker, tmp_path, study_name))
            wait_until(lambda: any(k == study_name.encode() for k, _ in bundles.snapshot()), 60,  # type: ignore
                       "the study's bundle on aelle.bundles")
        # Before pruning starts, the monitor has caught up with phase 1.
        wait_until(lambda: mine(checkpoints.snapshot()) <= verdict_keys(), 240, "verdicts on the phase-1 checkpoints")
        bundle_ready = time.monotonic()

        # Phase 2: the same study goes on, now with verdicts to prune on.
        study.optimize(namespace["objective"], n_trials=REST,
                       callbacks=[aelle.optuna.OutcomeCallback(namespace["publisher"])])
        # The reader thread may not have polled the last acknowledged checkpoints yet: wait for all of them.
        expected = sum(t.last_step for t in study.trials)
        wait_until(lambda: len(mine(checkpoints.snapshot())) >= expected, 60, "every published checkpoint read back")
        published = mine(checkpoints.snapshot())
        wait_until(lambda: published <= verdict_keys(), 60, "a verdict on every checkpoint")
        wait_until(lambda: len([o for o in outcomes.snapshot() if o["study_id"] == study_name]) == STARTUP + REST,
                   30, "every outcome")
        finished = time.monotonic()
    finally:
        for reader in (checkpoints, verdicts, outcomes, dead_letters, bundles):
            if reader is not None:
                reader.close()
        for name in ("verdicts", "publisher"):  # the example's own clients
            if name in namespace:
                namespace[name].close()  # type: ignore[attr-defined]
        if monitor is not None:
            monitor.stop()

    # Every checkpoint published got a verdict, and nothing of the study was dead-lettered.
    assert [k for k, _ in dead_letters.snapshot() if k and k.decode().startswith(study_name)] == []
    assert len(published) == sum(t.last_step for t in study.trials)
    assert published <= verdict_keys()
    # Each trial's outcome matches how it ended: pruned → stopped_early, else completed (audits say so).
    pruner: aelle.optuna.AellePruner = study.pruner  # type: ignore[assignment]
    by_run = {o["run_id"]: o for o in outcomes.snapshot() if o["study_id"] == study_name}
    verdict_of = {(v["run_id"], v["epoch"]): v["verdict"] for v in verdicts.snapshot()}
    pruned, audited = [], []
    for trial in study.trials:
        run_id = aelle.optuna.run_id_for(study_name, trial.number)
        outcome = by_run[run_id]
        assert outcome["epochs_completed"] == trial.last_step
        if trial.state == optuna.trial.TrialState.PRUNED:
            pruned.append((trial.number, trial.last_step, trial.params))
            assert outcome["status"] == "stopped_early" and "audit" not in outcome
            assert trial.number >= STARTUP and trial.last_step < EPOCHS
            assert verdict_of[(run_id, trial.last_step)] == "LIKELY_HIGH_ERROR"  # pruned on a real verdict
        else:
            assert trial.state == optuna.trial.TrialState.COMPLETE
            assert outcome["status"] == "completed" and trial.last_step == EPOCHS
            assert outcome.get("audit", False) == pruner.is_audit(run_id)
            if pruner.is_audit(run_id):
                audited.append(trial.number)
                assert audit.unit(pruner.seed, run_id) < pruner.audit_rate
    phase2 = collections.Counter(verdict_of[(aelle.optuna.run_id_for(study_name, t.number), e)]
                                 for t in study.trials[STARTUP:] for e in range(1, t.last_step + 1))
    summary = (f"e2e Optuna study ({MONITOR}; {trainer_decision}): {STARTUP}+{REST} trials, {len(published)} checkpoints, "
               f"phase 1 {phase1 - started:.0f} s, bundle and catch-up {bundle_ready - phase1:.0f} s, "
               f"phase 2 {finished - bundle_ready:.0f} s, total {finished - started:.0f} s; "
               f"pruned (trial, epoch, params): {pruned}; audited: {audited}; phase-2 verdicts: {dict(phase2)}")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(summary + "\n")
    print(summary)
    assert pruned, f"no trial was pruned: {summary}"
