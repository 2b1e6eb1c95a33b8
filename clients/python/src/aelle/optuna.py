"""Optuna integration: a pruner that stops trials on the monitor's verdicts, and the helpers that feed it.

A trial's run id is ``"{study_name}-trial-{trial.number}"`` (:func:`run_id_for`); its study id is the Optuna study
name. Each epoch :func:`report` publishes (or saves) the trial's checkpoint and calls ``trial.report``;
``trial.should_prune()`` then asks :class:`AellePruner`, which waits for the monitor's verdict on that epoch. When a
trial ends, :class:`OutcomeCallback` (``study.optimize(..., callbacks=[...])``) sends its outcome: ``completed``,
``stopped_early`` for a pruned trial, ``failed`` for a failed one.
"""
from __future__ import annotations

import math
import os
from typing import Any, Mapping, Optional, Set, Union

import optuna
from optuna.trial import FrozenTrial, TrialState

from . import audit as _audit
from .checkpoint import checkpoint_bytes, file_name as _checkpoint_file
from .outcome import COMPLETED, FAILED, STOPPED_EARLY, Outcome, file_name as _outcome_file
from .publisher import Publisher
from ._files import atomic_write
from .verdicts import LIKELY_HIGH_ERROR, VerdictReader

#: Where checkpoints and outcomes go: a :class:`aelle.Publisher`, or a folder for ``aelle-monitor attach``.
Sink = Union[Publisher, str, "os.PathLike[str]"]

_TOTAL_EPOCHS_ATTR = "aelle.total_epochs"


def run_id_for(study_name: str, trial_number: int) -> str:
    """The run id of an Optuna trial: ``"{study_name}-trial-{trial_number}"``."""
    return f"{study_name}-trial-{trial_number}"


class AellePruner(optuna.pruners.BasePruner):
    """Prunes a trial when the monitor's verdict on its current epoch is ``LIKELY_HIGH_ERROR``.

    Rules, in order, at each ``trial.should_prune()``:

    1. never before ``n_startup_trials`` trials of the study have completed (the monitor's bundle for a new study is
       trained from finished runs, as Optuna's own pruners wait for startup trials);
    2. never before the training fraction (epoch / total epochs) reaches ``min_fraction``, nor at the last epoch;
    3. it waits up to ``timeout`` seconds for the verdict on the trial's latest reported epoch; without one (or with
       only an older epoch's, or an ``UNKNOWN`` verdict) it does not prune: never a prune without a verdict;
    4. on ``LIKELY_HIGH_ERROR`` a share ``audit_rate`` of the runs (drawn from a hash of ``seed`` and the run id, the
       Java listener's draw) trains on to the end as audits, and their outcomes say ``"audit": true``; the others
       are pruned.
    """

    def __init__(self, reader: VerdictReader, n_startup_trials: int = 5, min_fraction: float = 0.2,
                 timeout: float = 30.0, audit_rate: float = _audit.DEFAULT_AUDIT_RATE,
                 seed: int = _audit.DEFAULT_AUDIT_SEED) -> None:
        if n_startup_trials < 0:
            raise ValueError(f"n_startup_trials must be >= 0, got {n_startup_trials}")
        if not 0.0 <= min_fraction <= 1.0:
            raise ValueError(f"min_fraction must be in [0, 1], got {min_fraction}")
        if not 0.0 <= audit_rate <= 1.0:
            raise ValueError(f"audit_rate must be in [0, 1], got {audit_rate}")
        if timeout < 0:
            raise ValueError(f"timeout must be >= 0, got {timeout}")
        self.reader = reader
        self.n_startup_trials = n_startup_trials
        self.min_fraction = min_fraction
        self.timeout = timeout
        self.audit_rate = audit_rate
        self.seed = seed
        self._audits: Set[str] = set()

    def is_audit(self, run_id: str) -> bool:
        """Whether a stop was due for this run and it trains on as an audit."""
        return run_id in self._audits

    def prune(self, study: "optuna.Study", trial: FrozenTrial) -> bool:
        step = trial.last_step
        if step is None:
            return False
        completed = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
        if len(completed) < self.n_startup_trials:
            return False
        run_id = run_id_for(study.study_name, trial.number)
        if run_id in self._audits:
            return False  # an audit trains to the end whatever later verdicts say
        total = trial.user_attrs.get(_TOTAL_EPOCHS_ATTR)
        if isinstance(total, int) and (step / total + 1e-12 < self.min_fraction or step >= total):
            return False  # known without waiting for the verdict
        verdict = self.reader.wait_for(run_id, step, self.timeout)
        if verdict is None or verdict.epoch < step or verdict.verdict != LIKELY_HIGH_ERROR:
            return False
        if verdict.fraction + 1e-12 < self.min_fraction or verdict.epoch >= verdict.total_epochs:
            return False
        if _audit.audited(self.seed, run_id, self.audit_rate):
            self._audits.add(run_id)
            return False
        return True


def _deliver(sink: Sink, name: str, data: bytes, publish: Any) -> None:
    if isinstance(sink, Publisher):
        publish(data)
    else:
        atomic_write(sink, name, data)


def report(trial: "optuna.Trial", model: Any, epoch: int, val_loss: float, *, total_epochs: int, sink: Sink,
           train_loss: Optional[float] = None, hparams: Optional[Mapping[str, Any]] = None,
           arch: Optional[str] = None, layer_prefix: Optional[str] = None) -> None:
    """Publishes (or saves into a folder) the trial's checkpoint for ``epoch``, then calls ``trial.report``.

    ``model``: a torch module or state dict holding the recurrent layer. ``hparams`` defaults to ``trial.params``.
    Call ``trial.should_prune()`` afterwards, as with any Optuna pruner.
    """
    run_id = run_id_for(trial.study.study_name, trial.number)
    trial.set_user_attr(_TOTAL_EPOCHS_ATTR, int(total_epochs))
    data = checkpoint_bytes(model, run_id, trial.study.study_name, epoch, total_epochs, val_loss, train_loss,
                            dict(trial.params) if hparams is None else hparams, arch, layer_prefix)
    _deliver(sink, _checkpoint_file(run_id, int(epoch)), data,
             lambda d: sink.publish_checkpoint(d))  # type: ignore[union-attr]
    trial.report(float(val_loss), int(epoch))


class OutcomeCallback:
    """An Optuna callback that sends each finished trial's outcome to the sink.

    Status: ``completed`` for a complete trial, ``stopped_early`` for a pruned one, ``failed`` otherwise. The final
    loss is the last value given to :func:`report` (``null`` when none was finite); epochs completed is that
    report's epoch; ``audit`` comes from the study's :class:`AellePruner`.
    """

    def __init__(self, sink: Sink) -> None:
        self.sink = sink

    def outcome(self, study: "optuna.Study", trial: FrozenTrial) -> Outcome:
        """The outcome this callback sends for a finished trial."""
        status = {TrialState.COMPLETE: COMPLETED, TrialState.PRUNED: STOPPED_EARLY}.get(trial.state, FAILED)
        step = trial.last_step
        loss = trial.intermediate_values.get(step) if step is not None else None
        loss = loss if loss is not None and math.isfinite(loss) else None
        run_id = run_id_for(study.study_name, trial.number)
        pruner = study.pruner
        audited = isinstance(pruner, AellePruner) and pruner.is_audit(run_id)
        return Outcome(run_id, study.study_name, loss, step or 0, status, audited)

    def __call__(self, study: "optuna.Study", trial: FrozenTrial) -> None:
        outcome = self.outcome(study, trial)
        _deliver(self.sink, _outcome_file(outcome.run_id), outcome.to_json(),
                 lambda _: self.sink.publish_outcome(outcome))  # type: ignore[union-attr]
