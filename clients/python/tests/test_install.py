"""The documented offline install: a venv that sees the Debian packages, pip without build isolation."""
import subprocess
import sys

from conftest import ROOT


def test_documented_install_works_offline(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    source = tmp_path / "src"  # a copy: pip builds in the source tree, and the test must not leave build/ there
    subprocess.run(["cp", "-r", str(ROOT / "clients" / "python"), str(source)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--no-build-isolation", str(source)], check=True,
                   timeout=300, capture_output=True)
    out = subprocess.run([str(venv / "bin" / "python"), "-c",
                          "import aelle, aelle.optuna; print(aelle.__version__, aelle.__file__)"],
                         check=True, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    version, location = out.stdout.split()
    assert version == "0.1.0" and location.startswith(str(venv))
