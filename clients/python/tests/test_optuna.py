"""AellePruner's rules, report() and OutcomeCallback on a real in-memory Optuna study; the verdict reader is a stub."""
import json
from typing import Dict, List, Optional, Tuple

import numpy as np
import optuna
import pytest

import aelle
import aelle.optuna as ao
from aelle import audit
from aelle.verdicts import Verdict

optuna.logging.set_verbosity(optuna.logging.WARNING)


class StubReader:
    """Verdicts keyed by (run_id, epoch), each there once its epoch is reached; records each wait."""

    def __init__(self, verdicts: Dict[Tuple[str, int], str], total_epochs: int = 10) -> None:
        self.verdicts = verdicts
        self.total = total_epochs
        self.waits: List[Tuple[str, int]] = []

    def wait_for(self, run_id: str, min_epoch: int, timeout: float) -> Optional[Verdict]:
        self.waits.append((run_id, min_epoch))
        epochs = [e for (r, e) in self.verdicts if r == run_id and e <= min_epoch]
        if not epochs:
            return None
        epoch = max(epochs)
        return Verdict(run_id, "s", epoch, self.total, self.verdicts[(run_id, epoch)], epoch / self.total)


class ListSink(aelle.Publisher):
    """A Publisher that keeps what it would send (no broker)."""

    def __init__(self) -> None:  # noqa: super().__init__ would create a producer
        self.checkpoints: List[bytes] = []
        self.outcomes: List[aelle.Outcome] = []

    def publish_checkpoint(self, checkpoint):
        aelle.parse_checkpoint(checkpoint)
        self.checkpoints.append(checkpoint)

    def publish_outcome(self, outcome):
        self.outcomes.append(outcome)


STATE = {"weight_ih_l0": np.ones((4, 2), np.float32), "weight_hh_l0": np.eye(4, dtype=np.float32)}


def run_study(pruner: ao.AellePruner, trials: int, epochs: int = 10, sink=None):
    sink = sink if sink is not None else ListSink()
    study = optuna.create_study(study_name="s", pruner=pruner)

    def objective(trial):
        for epoch in range(1, epochs + 1):
            ao.report(trial, STATE, epoch, 1.0 / epoch, total_epochs=epochs, sink=sink)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return 1.0 / epochs

    study.optimize(objective, n_trials=trials, callbacks=[ao.OutcomeCallback(sink)])
    return study, sink


def high_from(run_id: str, epoch: int, total: int = 10) -> Dict[Tuple[str, int], str]:
    return {(run_id, e): "LIKELY_HIGH_ERROR" for e in range(epoch, total + 1)}


def test_run_id_is_study_name_and_trial_number():
    assert ao.run_id_for("smnist", 7) == "smnist-trial-7"


def test_prunes_on_high_error_verdict_after_startup_and_min_fraction():
    verdicts = high_from("s-trial-2", 1)
    reader = StubReader(verdicts)
    study, sink = run_study(ao.AellePruner(reader, n_startup_trials=2, min_fraction=0.3, audit_rate=0.0), 3)
    states = [t.state for t in study.trials]
    assert states == [optuna.trial.TrialState.COMPLETE] * 2 + [optuna.trial.TrialState.PRUNED]
    assert study.trials[2].last_step == 3  # the first epoch at or past 30 %
    # Startup trials and epochs below the minimum fraction never wait for a verdict.
    assert reader.waits == [("s-trial-2", 3)]
    assert [(o.run_id, o.status, o.epochs_completed, o.final_val_loss) for o in sink.outcomes] == [
        ("s-trial-0", "completed", 10, 0.1), ("s-trial-1", "completed", 10, 0.1),
        ("s-trial-2", "stopped_early", 3, 1.0 / 3)]
    assert len(sink.checkpoints) == 23


@pytest.mark.parametrize("verdict", ["LIKELY_LOW_ERROR", "UNKNOWN"])
def test_no_prune_on_low_error_or_unknown(verdict):
    reader = StubReader({("s-trial-0", e): verdict for e in range(1, 11)})
    study, _ = run_study(ao.AellePruner(reader, n_startup_trials=0, audit_rate=0.0), 1)
    assert study.trials[0].state == optuna.trial.TrialState.COMPLETE


def test_no_prune_without_a_verdict_on_the_current_epoch():
    reader = StubReader({("s-trial-0", 2): "LIKELY_HIGH_ERROR"})  # only epoch 2's verdict ever arrives
    study, _ = run_study(ao.AellePruner(reader, n_startup_trials=0, min_fraction=0.0, audit_rate=0.0), 1)
    assert study.trials[0].state == optuna.trial.TrialState.PRUNED and study.trials[0].last_step == 2
    reader = StubReader({("s-trial-0", 1): "LIKELY_HIGH_ERROR"})
    study, _ = run_study(ao.AellePruner(reader, n_startup_trials=0, min_fraction=0.5, audit_rate=0.0), 1)
    assert study.trials[0].state == optuna.trial.TrialState.COMPLETE  # a stale verdict is no prune signal


def test_never_prunes_at_the_last_epoch():
    reader = StubReader({("s-trial-0", 10): "LIKELY_HIGH_ERROR"})
    study, _ = run_study(ao.AellePruner(reader, n_startup_trials=0, audit_rate=0.0), 1)
    assert study.trials[0].state == optuna.trial.TrialState.COMPLETE
    assert ("s-trial-0", 10) not in reader.waits and ("s-trial-0", 9) in reader.waits


def test_audited_runs_train_on_and_say_so():
    run_ids = [ao.run_id_for("s", n) for n in range(12)]
    verdicts: Dict[Tuple[str, int], str] = {}
    for r in run_ids:
        verdicts.update(high_from(r, 2))
    rate = 0.5
    expected_audits = {r for r in run_ids if audit.unit(7, r) < rate}
    assert 0 < len(expected_audits) < len(run_ids)
    study, sink = run_study(ao.AellePruner(StubReader(verdicts), n_startup_trials=0, audit_rate=rate, seed=7), 12)
    by_run = {o.run_id: o for o in sink.outcomes}
    for r in run_ids:
        o = by_run[r]
        if r in expected_audits:
            assert (o.status, o.audit, o.epochs_completed) == ("completed", True, 10)
            assert json.loads(o.to_json())["audit"] is True
        else:
            assert (o.status, o.audit, o.epochs_completed) == ("stopped_early", False, 2)


def test_outcomes_and_checkpoints_to_a_folder(tmp_path):
    study, _ = run_study(ao.AellePruner(StubReader(high_from("s-trial-0", 5)), n_startup_trials=0, audit_rate=0.0),
                         1, sink=tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"s-trial-0-{e:04d}.safetensors" for e in range(1, 6)] + ["s-trial-0.outcome.json"]
    outcome = aelle.Outcome.parse((tmp_path / "s-trial-0.outcome.json").read_bytes())
    assert outcome.status == "stopped_early" and outcome.epochs_completed == 5
    meta, _ = aelle.parse_checkpoint((tmp_path / "s-trial-0-0005.safetensors").read_bytes())
    assert (meta.run_id, meta.study_id, meta.epoch, meta.total_epochs, meta.val_loss) == ("s-trial-0", "s", 5, 10, 0.2)


def test_failed_trial_outcome():
    sink = ListSink()
    study = optuna.create_study(study_name="s", pruner=ao.AellePruner(StubReader({}), n_startup_trials=0))

    def objective(trial):
        ao.report(trial, STATE, 1, float("nan"), total_epochs=3, sink=sink)
        raise RuntimeError("diverged")

    study.optimize(objective, n_trials=1, callbacks=[ao.OutcomeCallback(sink)], catch=(RuntimeError,))
    assert [(o.status, o.final_val_loss, o.epochs_completed) for o in sink.outcomes] == [("failed", None, 1)]


def test_settings_are_checked():
    for kwargs in (dict(n_startup_trials=-1), dict(min_fraction=1.5), dict(audit_rate=-0.1), dict(timeout=-1)):
        with pytest.raises(ValueError):
            ao.AellePruner(StubReader({}), **kwargs)
