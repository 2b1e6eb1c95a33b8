"""Outcome JSON as the Java Outcome writes and reads it; save_outcome."""
import json

import pytest

import aelle
from aelle import Outcome


def test_json_is_the_java_shape():
    assert Outcome("r", "s", 0.5, 3).to_json() == \
        b'{"run_id":"r","study_id":"s","final_val_loss":0.5,"epochs_completed":3,"status":"completed"}'
    audited = json.loads(Outcome("r", "s", float("nan"), 2, "stopped_early", audit=True).to_json())
    assert audited["final_val_loss"] is None and audited["audit"] is True and audited["status"] == "stopped_early"


def test_parse_round_trip_and_errors():
    o = Outcome("r", "s", None, 4, "failed", True)
    assert Outcome.parse(o.to_json()) == o
    for bad, message in [(b"[1]", "not a JSON object"), (b'{"run_id":"r"}', "study_id must be a string"),
                         (b'{"run_id":"r","study_id":"s","status":"completed","final_val_loss":NaN,'
                          b'"epochs_completed":1}', "NaN is not JSON"),
                         (b'{"run_id":"r","study_id":"s","status":"completed","final_val_loss":1,'
                          b'"epochs_completed":1.5}', "epochs_completed must be an integer"),
                         (b'{"run_id":"r","study_id":"s","status":"completed","final_val_loss":1,'
                          b'"epochs_completed":1,"audit":"yes"}', "audit must be true or false")]:
        with pytest.raises(ValueError, match=message):
            Outcome.parse(bad)


@pytest.mark.parametrize("kwargs, message", [(dict(status="done"), "completed, failed or stopped_early"),
                                             (dict(epochs_completed=-1), "epochs_completed"),
                                             (dict(run_id=""), "run_id is required")])
def test_invalid_outcomes_are_refused(kwargs, message):
    args = dict(run_id="r", study_id="s", final_val_loss=1.0, epochs_completed=1)
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        Outcome(**args)


def test_save_outcome_atomically(tmp_path):
    path = aelle.save_outcome(tmp_path, "run-7", "s", 0.75, 10)
    assert path.name == "run-7.outcome.json" and [p.name for p in tmp_path.iterdir()] == ["run-7.outcome.json"]
    assert Outcome.parse(path.read_bytes()) == Outcome("run-7", "s", 0.75, 10)
