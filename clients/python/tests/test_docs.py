"""The docs show the example the end-to-end test runs, and it is 20 lines."""
import re

from conftest import ROOT

EXAMPLE = ROOT / "clients" / "python" / "examples" / "optuna_smnist.py"


def test_docs_example_is_the_tested_example_in_20_lines():
    docs = (ROOT / "docs" / "PYTHON.md").read_text()
    block = re.search(r"## PyTorch \+ Optuna in 20 lines\n.*?```python\n(.*?)```", docs, re.S)
    assert block is not None, "docs/PYTHON.md has no 'PyTorch + Optuna in 20 lines' code block"
    code = EXAMPLE.read_text()
    assert block.group(1) == code
    assert len([line for line in code.splitlines() if line.strip()]) <= 20
    assert "docs/PYTHON.md" in (ROOT / "README.md").read_text()


def test_readme_snippet_writes_files_the_monitor_reads(tmp_path, monkeypatch):
    torch = __import__("pytest").importorskip("torch")
    import numpy as np

    import aelle

    readme = (ROOT / "README.md").read_text()
    block = re.search(r"## Attaching a trainer\n.*?```python\n(.*?)```", readme, re.S)
    assert block is not None
    monkeypatch.chdir(tmp_path)
    namespace = dict(model=torch.nn.LSTM(28, 8), x_val=np.zeros((32, 28, 28)), study_id="s", run_id="r", epoch=1,
                     total_epochs=5, val_loss=0.5, final_val_loss=0.4, epochs=5)
    exec(block.group(1), namespace)
    assert aelle.parse_probe((tmp_path / "probe.safetensors").read_bytes()).inputs.shape == (16, 28, 28)
    meta, _ = aelle.parse_checkpoint((tmp_path / "checkpoints" / "r-0001.safetensors").read_bytes())
    assert (meta.run_id, meta.epoch, meta.val_loss) == ("r", 1, 0.5)
    assert aelle.Outcome.parse((tmp_path / "checkpoints" / "r.outcome.json").read_bytes()).final_val_loss == 0.4
