"""Byte-level round trip with the Java side.

1. Files the Python writer writes are committed as fixtures of the Java test ``PythonClientFilesTest`` (aelle-wire),
   which parses them with ``Checkpoint``, ``Outcome`` and ``Probe``; here the writer must still write exactly those
   bytes (``AELLE_WRITE_FIXTURES=1`` rewrites them after a deliberate format change).
2. The monitor's ``spectrum`` command reads a golden checkpoint and its inputs rewritten by the Python writer and
   prints exactly what it prints for the original files.
"""
import json
import os
import subprocess

import numpy as np

import aelle
from aelle import safetensors
from conftest import GOLDEN, ROOT, launcher

FIXTURES = ROOT / "aelle-wire" / "src" / "test" / "resources" / "python-client"


def fixture_files() -> dict:
    n, i = 3, 2
    values = np.arange(4 * n * (n + i), dtype=np.float32).reshape(4 * n, n + i) / 16 - 1
    state = {"rnn_layer.weight_ih_l0": values[:, :i], "rnn_layer.weight_hh_l0": values[:, i:],
             "rnn_layer.bias_ih_l0": np.full(4 * n, 0.5, np.float32), "fc.weight": np.ones((2, n), np.float64)}
    checkpoint = aelle.checkpoint_bytes(state, "py-run-ü", "py-study", 3, 10, val_loss=0.625, train_loss=float("nan"),
                                        hparams={"lr": 0.01, "hidden": 3}, arch="lstm", layer_prefix="rnn_layer.",
                                        created_at="2026-11-30T12:34:56.789Z")
    probe = aelle.make_probe(np.linspace(-1, 1, 2 * 4 * i).reshape(2, 4, i), "py-study", "smnist", 1.5, "benettin", 7)
    outcome = aelle.Outcome("py-run-ü", "py-study", None, 4, "stopped_early", audit=True).to_json()
    return {"checkpoint.safetensors": checkpoint, "probe.safetensors": probe, "outcome.json": outcome}


def test_writer_still_writes_the_java_fixtures():
    files = fixture_files()
    if os.environ.get("AELLE_WRITE_FIXTURES") == "1":
        FIXTURES.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (FIXTURES / name).write_bytes(data)
    for name, data in files.items():
        assert (FIXTURES / name).read_bytes() == data, f"{name} differs from what the Java test reads"


def spectrum(checkpoint, inputs) -> dict:
    out = subprocess.run(launcher("spectrum", "--checkpoint", str(checkpoint), "--inputs", str(inputs), "--format",
                                  "json", "--warmup", "10"), capture_output=True, text=True, timeout=300, check=True)
    result = json.loads(out.stdout)
    del result["seconds"]
    return result


def test_java_reads_python_written_files_as_the_originals(tmp_path):
    case = "lstm_h8_bias_warm10"
    original = safetensors.read(GOLDEN / f"{case}.safetensors")
    inputs = safetensors.read(GOLDEN / f"{case}.inputs.safetensors").tensors["inputs"]
    checkpoint = aelle.save_checkpoint(original.tensors, tmp_path, "golden", "golden", 1, 1)
    probe = tmp_path / "probe.safetensors"
    aelle.save_probe(probe, inputs, "golden", "golden", 1.0, warmup=10)
    ours = spectrum(checkpoint, probe)
    assert ours == spectrum(GOLDEN / f"{case}.safetensors", GOLDEN / f"{case}.inputs.safetensors")
    expected = json.loads((GOLDEN / f"{case}.json").read_text())["reference"]
    np.testing.assert_allclose(ours["mean"], expected["mean"], rtol=0, atol=expected["tolerance_abs_float64"])
