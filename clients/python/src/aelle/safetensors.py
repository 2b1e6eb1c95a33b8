"""The safetensors container, written and read without the safetensors package.

Layout: an 8-byte little-endian header length, a UTF-8 JSON header (``__metadata__``: an object of strings, then one
entry per tensor with ``dtype``, ``shape`` and ``data_offsets``), then the raw little-endian tensor bytes. The
writer pads the header with spaces to an 8-byte boundary, as the reference implementation and the Java
``SafetensorsFile`` do. The reader treats its input as hostile and checks the rules the Java reader checks, each
violation a :class:`SafetensorsFormatError` naming its rule.
"""
from __future__ import annotations

import json
import os
import struct
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Tuple

import numpy as np

from ._files import loads_strict

#: Largest header accepted, whatever the header length field claims (the Java reader's limit).
MAX_HEADER_BYTES = 16 << 20
#: Largest rank accepted.
MAX_RANK = 8
#: Largest element count of one tensor (the Java reader's limit: its arrays are int-indexed).
MAX_ELEMENTS = 2**31 - 1 - 8

# The dtypes the monitor reads. BF16 has no numpy type: it is stored and returned as its raw uint16 bits.
_NUMPY_OF = {"F32": np.dtype("<f4"), "F64": np.dtype("<f8"), "F16": np.dtype("<f2"), "BF16": np.dtype("<u2")}
_NAME_OF = {np.dtype("float32"): "F32", np.dtype("float64"): "F64", np.dtype("float16"): "F16"}


class SafetensorsFormatError(ValueError):
    """A file that breaks one of the format's rules; ``rule`` is the Java ``SafetensorsFormatException.Rule`` name."""

    def __init__(self, rule: str, detail: str) -> None:
        super().__init__(f"{rule.lower()}: {detail}")
        self.rule = rule
        self.detail = detail


@dataclass(frozen=True)
class SafetensorsFile:
    """Decoded tensors (numpy arrays, in header order) and the ``__metadata__`` strings of one file.

    A BF16 tensor is its raw ``uint16`` bits; :func:`bf16_to_float32` widens it.
    """

    tensors: Dict[str, np.ndarray]
    metadata: Dict[str, str] = field(default_factory=dict)
    dtypes: Dict[str, str] = field(default_factory=dict)


def bf16_to_float32(bits: np.ndarray) -> np.ndarray:
    """Widens raw bfloat16 bits (``uint16``) to float32."""
    return (bits.astype(np.uint32) << 16).view(np.float32)


def _as_array(name: str, value: Any) -> Tuple[str, np.ndarray]:
    """A tensor as (dtype name, little-endian C-ordered numpy array); torch tensors are detached and copied to CPU."""
    if hasattr(value, "detach"):  # a torch.Tensor, without importing torch
        t = value.detach().cpu().contiguous()
        if str(t.dtype) == "torch.bfloat16":
            import torch  # only reached when torch is installed

            return "BF16", t.view(torch.int16).numpy().view("<u2").copy()
        value = t.numpy()
    array = np.asarray(value)
    dtype_name = _NAME_OF.get(array.dtype.newbyteorder("=")) if array.dtype.kind == "f" else None
    if dtype_name is None:
        raise ValueError(f"tensor '{name}' has dtype {array.dtype}; the monitor reads only float32, float64, float16 and"
                         " bfloat16 tensors (leave integer buffers such as num_batches_tracked out)")
    if array.ndim > MAX_RANK:
        raise ValueError(f"tensor '{name}' has rank {array.ndim} > {MAX_RANK}")
    return dtype_name, np.ascontiguousarray(array, dtype=_NUMPY_OF[dtype_name])


def encode(tensors: Mapping[str, Any], metadata: Mapping[str, str] | None = None) -> bytes:
    """Serialises tensors (numpy arrays or torch tensors, kept in their float dtype) and string metadata.

    Tensors are laid out in mapping order; the metadata goes first in the header.
    """
    header: Dict[str, Any] = {}
    if metadata:
        for key, value in metadata.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise ValueError(f"metadata must map strings to strings, got {key!r}: {value!r}")
        header["__metadata__"] = dict(metadata)
    chunks = []
    offset = 0
    for name, value in tensors.items():
        if not isinstance(name, str) or name == "__metadata__":
            raise ValueError(f"invalid tensor name {name!r}")
        dtype_name, array = _as_array(name, value)
        data = array.tobytes()
        header[name] = {"dtype": dtype_name, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    header_bytes = json.dumps(header, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")
    header_bytes += b" " * (-len(header_bytes) % 8)
    return b"".join([struct.pack("<Q", len(header_bytes)), header_bytes, *chunks])


def _unique_object(pairs: list) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise SafetensorsFormatError("DUPLICATE_NAME", f"Duplicate field '{key}'")
        out[key] = value
    return out


def decode(data: bytes) -> SafetensorsFile:
    """Parses and checks a whole file held in memory; raises :class:`SafetensorsFormatError` on any violation."""
    data = memoryview(data).cast("B")
    if len(data) < 8:
        raise SafetensorsFormatError("TRUNCATED", f"file is {len(data)} bytes, shorter than the 8-byte header length")
    header_length = struct.unpack_from("<Q", data, 0)[0]
    if header_length > MAX_HEADER_BYTES:
        raise SafetensorsFormatError("HEADER_TOO_LARGE",
                                     f"header length {header_length} exceeds the limit of {MAX_HEADER_BYTES} bytes")
    if header_length > len(data) - 8:
        raise SafetensorsFormatError("HEADER_BEYOND_FILE",
                                     f"header length {header_length} runs past the end of a {len(data)}-byte file")
    try:
        text = bytes(data[8:8 + header_length]).decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        raise SafetensorsFormatError("HEADER_NOT_UTF8", f"header is not valid UTF-8 ({e.reason})") from None
    try:
        header = loads_strict(text, object_pairs_hook=_unique_object)
    except SafetensorsFormatError:
        raise
    except ValueError as e:
        raise SafetensorsFormatError("MALFORMED_HEADER", f"header is not valid JSON: {e}") from None
    if not isinstance(header, dict):
        raise SafetensorsFormatError("MALFORMED_HEADER", "header is not a JSON object")
    metadata: Dict[str, str] = {}
    entries = []
    for name, node in header.items():
        if name == "__metadata__":
            if not isinstance(node, dict):
                raise SafetensorsFormatError("BAD_METADATA", "__metadata__ must be an object of strings")
            for key, value in node.items():
                if not isinstance(value, str):
                    raise SafetensorsFormatError("BAD_METADATA", f"__metadata__ value of '{key}' is not a string")
            metadata.update(node)
        else:
            entries.append(_entry(name, node))
    data_start = 8 + header_length
    _check_layout(entries, len(data) - data_start)
    tensors: Dict[str, np.ndarray] = {}
    dtypes: Dict[str, str] = {}
    for name, dtype_name, shape, begin, end in entries:
        array = np.frombuffer(data, dtype=_NUMPY_OF[dtype_name], count=(end - begin) // _NUMPY_OF[dtype_name].itemsize,
                              offset=data_start + begin)
        tensors[name] = array.reshape(shape).copy()
        dtypes[name] = dtype_name
    return SafetensorsFile(tensors, metadata, dtypes)


def _entry(name: str, node: Any) -> Tuple[str, str, Tuple[int, ...], int, int]:
    if (not isinstance(node, dict) or not isinstance(node.get("dtype"), str) or not isinstance(node.get("shape"), list)
            or not isinstance(node.get("data_offsets"), list)):
        raise SafetensorsFormatError("MALFORMED_HEADER", f"tensor '{name}' needs dtype, shape and data_offsets")
    dtype_name = node["dtype"]
    if dtype_name not in _NUMPY_OF:
        raise SafetensorsFormatError("UNSUPPORTED_DTYPE",
                                     f"tensor '{name}' has dtype {dtype_name}; supported: F32, F64, F16, BF16")
    shape = node["shape"]
    if len(shape) > MAX_RANK:
        raise SafetensorsFormatError("BAD_SHAPE", f"tensor '{name}' has rank {len(shape)} > {MAX_RANK}")
    elements = 1
    for axis, d in enumerate(shape):
        if type(d) is not int or d < 0 or d > MAX_ELEMENTS:
            raise SafetensorsFormatError("BAD_SHAPE", f"tensor '{name}' has dimension {d!r} at axis {axis}")
        elements *= d
        if elements > MAX_ELEMENTS:
            raise SafetensorsFormatError("BAD_SHAPE", f"tensor '{name}' shape {shape} has more than {MAX_ELEMENTS} elements")
    offsets = node["data_offsets"]
    if len(offsets) != 2 or any(type(o) is not int for o in offsets):
        raise SafetensorsFormatError("MALFORMED_HEADER", f"tensor '{name}' data_offsets must be two integers")
    begin, end = offsets
    if begin < 0 or end < begin:
        raise SafetensorsFormatError("OFFSETS_OUT_OF_RANGE",
                                     f"tensor '{name}' data_offsets [{begin}, {end}] are negative or reversed")
    size = elements * _NUMPY_OF[dtype_name].itemsize
    if end - begin != size:
        raise SafetensorsFormatError("SIZE_MISMATCH", f"tensor '{name}' shape {shape} x {dtype_name} needs {size} bytes"
                                                      f" but its offsets span {end - begin}")
    return name, dtype_name, tuple(shape), begin, end


def _check_layout(entries: list, data_length: int) -> None:
    """The byte ranges must tile the data section exactly: no overlap, no holes, ending where the file ends."""
    cursor = 0
    for name, _, _, begin, end in sorted(entries, key=lambda e: (e[3], e[4])):
        if begin < cursor:
            raise SafetensorsFormatError("OVERLAPPING_OFFSETS", f"tensor '{name}' bytes [{begin}, {end}) overlap the"
                                                                f" previous tensor ending at {cursor}")
        if begin > cursor:
            raise SafetensorsFormatError("NOT_CONTIGUOUS", f"gap of {begin - cursor} bytes before tensor '{name}'")
        cursor = end
    if cursor > data_length:
        raise SafetensorsFormatError("TRUNCATED", f"the header places tensor bytes up to {cursor} but the data section"
                                                  f" ends at {data_length}: the file is truncated")
    if cursor < data_length:
        raise SafetensorsFormatError("NOT_CONTIGUOUS", f"data section is {data_length} bytes but tensors cover only {cursor}")


def read(path: "str | os.PathLike[str]", max_bytes: int = 2**31 - 1 - 8) -> SafetensorsFile:
    """Reads and checks a file of at most ``max_bytes`` bytes (the Java reader's limit by default)."""
    size = os.path.getsize(path)
    if size > max_bytes:
        raise SafetensorsFormatError("FILE_TOO_LARGE", f"{path} is {size} bytes, beyond the limit of {max_bytes}")
    with open(path, "rb") as f:
        return decode(f.read())
