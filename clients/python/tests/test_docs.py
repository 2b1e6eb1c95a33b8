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
