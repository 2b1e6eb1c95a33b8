"""save_checkpoint / checkpoint_bytes: the aelle.* metadata as the Java CheckpointMetadata reads it."""
import json
import math

import numpy as np
import pytest

import aelle
from aelle import safetensors
from aelle.checkpoint import CheckpointMetadata


def lstm_state(n=4, i=3):
    rng = np.random.default_rng(0)
    return {"rnn_layer.weight_ih_l0": rng.standard_normal((4 * n, i)).astype(np.float32),
            "rnn_layer.weight_hh_l0": rng.standard_normal((4 * n, n)).astype(np.float32)}


def test_metadata_strings_and_tensors():
    data = aelle.checkpoint_bytes(lstm_state(), "run-1", "study-a", 2, 10, val_loss=0.25, train_loss=float("nan"),
                                  hparams={"lr": 0.001, "hidden": 4}, arch="lstm", created_at="2026-11-30T12:00:00Z")
    f = safetensors.decode(data)
    assert f.metadata == {"aelle.run_id": "run-1", "aelle.study_id": "study-a", "aelle.epoch": "2",
                          "aelle.total_epochs": "10", "aelle.val_loss": "0.25", "aelle.train_loss": "NaN",
                          "aelle.arch": "lstm", "aelle.hparams": '{"hidden": 4, "lr": 0.001}',
                          "aelle.created_at": "2026-11-30T12:00:00Z"}
    meta, tensors = aelle.parse_checkpoint(data)
    assert meta.fraction == 0.2 and math.isnan(meta.train_loss) and meta.val_loss == 0.25
    np.testing.assert_array_equal(tensors["rnn_layer.weight_hh_l0"], lstm_state()["rnn_layer.weight_hh_l0"])


def test_created_at_defaults_to_now_in_java_instant_form():
    meta, _ = aelle.parse_checkpoint(aelle.checkpoint_bytes(lstm_state(), "r", "s", 0, 1))
    assert meta.created_at.endswith("Z") and meta.created_at[10] == "T"
    assert meta.val_loss is None and meta.hparams is None


def test_java_spelling_of_non_finite_numbers():
    meta = CheckpointMetadata("r", "s", 1, 2, val_loss=float("inf"), train_loss=float("-inf"))
    assert meta.to_dict()["aelle.val_loss"] == "Infinity" and meta.to_dict()["aelle.train_loss"] == "-Infinity"


@pytest.mark.parametrize("kwargs, message", [
    (dict(run_id=" "), "aelle.run_id is required"),
    (dict(study_id=""), "aelle.study_id is required"),
    (dict(epoch=-1), "must be >= 0"),
    (dict(total_epochs=0), "must be > 0"),
    (dict(epoch=11), "is beyond"),
    (dict(arch="transformer"), "rnn, gru or lstm"),
])
def test_invalid_metadata_is_refused_before_writing(tmp_path, kwargs, message):
    args = dict(run_id="r", study_id="s", epoch=1, total_epochs=10)
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        aelle.save_checkpoint(lstm_state(), tmp_path, **args)
    assert list(tmp_path.iterdir()) == []


def test_parse_refuses_bad_metadata():
    good = {"aelle.run_id": "r", "aelle.study_id": "s", "aelle.epoch": "1", "aelle.total_epochs": "2"}
    for key, value, message in [("aelle.epoch", "1.5", "must be an integer"), ("aelle.total_epochs", None, "missing"),
                                ("aelle.val_loss", "low", "decimal number"), ("aelle.hparams", "[1]", "JSON object")]:
        meta = dict(good)
        if value is None:
            del meta[key]
        else:
            meta[key] = value
        with pytest.raises(ValueError, match=message):
            CheckpointMetadata.parse(meta)


def test_save_is_atomic_and_named_for_attach(tmp_path):
    path = aelle.save_checkpoint(lstm_state(), tmp_path / "ckpt", "run-7", "s", 3, 10, val_loss=1.0)
    assert path.name == "run-7-0003.safetensors"
    assert sorted(p.name for p in path.parent.iterdir()) == ["run-7-0003.safetensors"]  # no temporary left
    assert aelle.parse_checkpoint(path.read_bytes())[0].epoch == 3


def test_torch_module_state_dict():
    torch = pytest.importorskip("torch")
    model = torch.nn.LSTM(3, 5, batch_first=True)
    meta, tensors = aelle.parse_checkpoint(aelle.checkpoint_bytes(model, "r", "s", 1, 2, hparams={"hidden": 5}))
    assert set(tensors) == {"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"}
    np.testing.assert_array_equal(tensors["weight_hh_l0"], model.weight_hh_l0.detach().numpy())
    assert json.loads(meta.hparams) == {"hidden": 5}
