"""Writing a file so a folder watcher (``aelle-monitor attach``) never sees it half written."""
from __future__ import annotations

import json
import os
from pathlib import Path


def atomic_write(directory: "str | os.PathLike[str]", name: str, data: bytes) -> Path:
    """Writes ``data`` to ``directory/.name.tmp`` (hidden: watchers skip it), syncs it, then renames it to ``name``.

    The rename is atomic on one file system, so readers see either no file or the whole file.
    """
    if not name or "/" in name or "\\" in name or "\0" in name or name.startswith("."):
        raise ValueError(f"'{name}' is not a plain visible file name")
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{name}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    target = folder / name
    os.replace(tmp, target)
    return target


def java_double(value: float) -> str:
    """A float as Java's ``Double.parseDouble`` reads it (Python writes ``nan``/``inf``, Java wants ``NaN``/``Infinity``)."""
    value = float(value)
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(value)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def loads_strict(text: "str | bytes", **kwargs) -> object:
    """``json.loads`` that refuses ``NaN`` and ``Infinity``, as the Java readers do."""
    return json.loads(text, parse_constant=_reject_constant, **kwargs)


def json_object(data: "str | bytes", what: str) -> dict:
    """Strict JSON that must be an object; anything else is a ``ValueError`` saying "bad WHAT JSON: ..."."""
    try:
        node = loads_strict(data)
    except ValueError as e:
        raise ValueError(f"bad {what} JSON: {e}") from None
    if not isinstance(node, dict):
        raise ValueError(f"bad {what} JSON: not a JSON object")
    return node
