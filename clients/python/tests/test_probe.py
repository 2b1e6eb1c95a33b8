"""make_probe / parse_probe: the probe file the Java Probe reads."""
import numpy as np
import pytest

import aelle
from aelle import safetensors


def test_probe_metadata_and_inputs():
    x = np.arange(24, dtype=np.float64).reshape(2, 4, 3)
    data = aelle.make_probe(x, "study-a", "smnist", 1.25, convention="Benettin", warmup=10)
    f = safetensors.decode(data)
    assert f.metadata == {"aelle.study_id": "study-a", "aelle.task": "smnist", "aelle.loss_threshold": "1.25",
                          "aelle.le.convention": "benettin", "aelle.le.warmup": "10"}
    assert f.dtypes == {"inputs": "F32"}
    probe = aelle.parse_probe(data)
    assert probe.study_id == "study-a" and probe.warmup == 10 and probe.loss_threshold == 1.25
    np.testing.assert_array_equal(probe.inputs, x.astype(np.float32))


@pytest.mark.parametrize("inputs, kwargs, message", [
    (np.zeros((2, 3)), {}, r"shape \(B, T, I\)"),
    (np.zeros((1, 2, 3)), dict(loss_threshold=float("nan")), "finite"),
    (np.zeros((1, 2, 3)), dict(warmup=-1), ">= 0"),
    (np.zeros((1, 2, 3)), dict(convention="qr"), "reference or benettin"),
    (np.zeros((1, 2, 3)), dict(study_id=""), "aelle.study_id"),
])
def test_invalid_probes_are_refused(inputs, kwargs, message):
    args = dict(study_id="s", task="t", loss_threshold=1.0)
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        aelle.make_probe(inputs, **args)


def test_parse_refuses_a_file_without_inputs():
    with pytest.raises(ValueError, match="no tensor named 'inputs'"):
        aelle.parse_probe(safetensors.encode({"x": np.zeros((1, 1, 1), np.float32)}, {"aelle.study_id": "s"}))
