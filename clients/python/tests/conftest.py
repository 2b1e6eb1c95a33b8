"""Shared fixtures: the repository, ../shared, the monitor's launcher, and one real Kafka broker per session."""
from __future__ import annotations

import os
import queue
import re
import subprocess
import threading
import time
from pathlib import Path
from typing import Iterator, List

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("AELLE_SHARED_DIR", ROOT.parent / "shared")).resolve()
GOLDEN = SHARED / "golden" / "lyapunov"
JAR = ROOT / "aelle-app" / "target" / "aelle-monitor.jar"
CLASSPATH = ROOT / "aelle-app" / "target" / "classpath.txt"


def launcher(*args: str) -> List[str]:
    """The command line ``./aelle-monitor ARGS`` runs, without its rebuild check (Maven just built the jar)."""
    if not JAR.exists() or not CLASSPATH.exists():
        pytest.fail(f"{JAR} is missing: build it first (mvn -B -ntp -DskipTests package)")
    tmp = ROOT / "clients" / "python" / "target" / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    djl_cache = os.environ.get("DJL_CACHE_DIR", str(Path.home() / ".djl.ai"))
    return ["java", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true", f"-DDJL_CACHE_DIR={djl_cache}",
            f"-Djava.io.tmpdir={tmp}",
            f"-Daelle.home={ROOT}", "-Xss4m", "-cp", f"{JAR}:{CLASSPATH.read_text().strip()}",
            "io.aelle.app.AelleMonitorCli", *args]


class JavaProcess:
    """A launcher command running in the background, its output lines collected on a thread."""

    def __init__(self, args: List[str], log: Path) -> None:
        self.log = log
        self.lines: "queue.Queue[str]" = queue.Queue()
        self.process = subprocess.Popen(launcher(*args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        cwd=ROOT)
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        with open(self.log, "w") as out:
            for line in self.process.stdout:  # type: ignore[union-attr]
                out.write(line)
                out.flush()
                self.lines.put(line)

    def wait_for_line(self, pattern: str, timeout: float) -> "re.Match[str]":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            match = re.search(pattern, line)
            if match:
                return match
        raise AssertionError(f"no line matching {pattern!r} within {timeout} s; see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``aelle-monitor kafka --port 0``: an embedded KRaft broker with the AeLLE topics; yields its bootstrap servers."""
    folder = tmp_path_factory.mktemp("kafka")
    kafka = JavaProcess(["kafka", "--port", "0", "--data-dir", str(folder / "data")], folder / "kafka.log")
    try:
        match = kafka.wait_for_line(r"bootstrap servers: (\S+?);", 120)
        yield match.group(1)
    finally:
        kafka.stop()
