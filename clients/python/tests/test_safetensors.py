"""The safetensors writer and the hostile-input reader (rules of the Java SafetensorsFile)."""
import json
import struct

import numpy as np
import pytest

from aelle import safetensors
from aelle.safetensors import SafetensorsFormatError
from conftest import GOLDEN


def raw(header: dict, data: bytes = b"", pad: bool = True) -> bytes:
    text = json.dumps(header).encode()
    if pad:
        text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


def test_round_trip_keeps_dtypes_shapes_values_and_metadata():
    tensors = {"b": np.arange(6, dtype=np.float32).reshape(2, 3), "a": np.array([1.5, -2.25], dtype=np.float64),
               "h": np.array([[0.5]], dtype=np.float16), "empty": np.zeros((0, 4), dtype=np.float32)}
    data = safetensors.encode(tensors, {"k": "v", "ü": "ß"})
    header_length = struct.unpack_from("<Q", data)[0]
    assert header_length % 8 == 0
    header = json.loads(data[8:8 + header_length])
    assert list(header) == ["__metadata__", "b", "a", "h", "empty"]
    assert header["b"] == {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}
    assert header["a"]["data_offsets"] == [24, 40] and header["h"]["dtype"] == "F16"
    f = safetensors.decode(data)
    assert f.metadata == {"k": "v", "ü": "ß"}
    for name, value in tensors.items():
        np.testing.assert_array_equal(f.tensors[name], value)
        assert f.tensors[name].dtype == value.dtype
    assert f.dtypes == {"b": "F32", "a": "F64", "h": "F16", "empty": "F32"}


def test_torch_tensors_including_bfloat16():
    torch = pytest.importorskip("torch")
    t = torch.tensor([[1.0, -2.5], [3.0, 0.125]])
    f = safetensors.decode(safetensors.encode({"w": t, "bf": t.to(torch.bfloat16), "g": t.requires_grad_()}))
    np.testing.assert_array_equal(f.tensors["w"], t.detach().numpy())
    assert f.dtypes["bf"] == "BF16"
    np.testing.assert_array_equal(safetensors.bf16_to_float32(f.tensors["bf"]), t.detach().numpy())


def test_refuses_what_the_monitor_cannot_read():
    with pytest.raises(ValueError, match="num_batches_tracked"):
        safetensors.encode({"num_batches_tracked": np.array(3, dtype=np.int64)})
    with pytest.raises(ValueError, match="strings"):
        safetensors.encode({"w": np.zeros(1, np.float32)}, {"epoch": 3})
    with pytest.raises(ValueError, match="__metadata__"):
        safetensors.encode({"__metadata__": np.zeros(1, np.float32)})


def test_reads_every_golden_file():
    files = sorted(GOLDEN.glob("*.safetensors"))
    assert len(files) == 10, f"expected the 10 golden files in {GOLDEN}"
    for path in files:
        f = safetensors.read(path)
        assert all(d == "F32" for d in f.dtypes.values())
        name = path.name.split(".")[0]
        case = json.loads((GOLDEN / f"{name}.json").read_text())
        if path.name.endswith(".inputs.safetensors"):
            assert list(f.tensors) == ["inputs"]
            assert f.tensors["inputs"].shape == (case["sequences"], case["steps"], case["input_size"])
            continue
        gates = {"rnn": 1, "gru": 3, "lstm": 4}[case["arch"]]
        n, i = case["hidden_size"], case["input_size"]
        assert f.tensors["rnn_layer.weight_hh_l0"].shape == (gates * n, n)
        assert f.tensors["rnn_layer.weight_ih_l0"].shape == (gates * n, i)
        assert ("rnn_layer.bias_ih_l0" in f.tensors) == case["bias"]
        assert {"fc.weight", "fc.bias"} <= set(f.tensors)
        # Writing what was read gives the same tensors back, byte for byte.
        again = safetensors.decode(safetensors.encode(f.tensors, f.metadata))
        for name, value in f.tensors.items():
            assert again.tensors[name].tobytes() == value.tobytes()


@pytest.mark.parametrize("data, rule", [
    (b"\x01\x00", "TRUNCATED"),
    (struct.pack("<Q", (16 << 20) + 1) + b"{}", "HEADER_TOO_LARGE"),
    (struct.pack("<Q", 100) + b"{}", "HEADER_BEYOND_FILE"),
    (struct.pack("<Q", 2) + b"\xff\xfe", "HEADER_NOT_UTF8"),
    (raw([1, 2]), "MALFORMED_HEADER"),
    (struct.pack("<Q", 8) + b'{"a":1,}', "MALFORMED_HEADER"),
    (struct.pack("<Q", 16) + b'{"x":{},"x":{}} ', "DUPLICATE_NAME"),
    (raw({"__metadata__": {"a": 1}}), "BAD_METADATA"),
    (raw({"t": {"dtype": "I64", "shape": [1], "data_offsets": [0, 8]}}, b"\0" * 8), "UNSUPPORTED_DTYPE"),
    (raw({"t": {"dtype": "F32", "shape": [1] * 9, "data_offsets": [0, 4]}}, b"\0" * 4), "BAD_SHAPE"),
    (raw({"t": {"dtype": "F32", "shape": [True], "data_offsets": [0, 4]}}, b"\0" * 4), "BAD_SHAPE"),
    (raw({"t": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}, b"\0" * 4), "BAD_SHAPE"),
    (raw({"t": {"dtype": "F32", "shape": [2], "data_offsets": [4, 0]}}, b"\0" * 8), "OFFSETS_OUT_OF_RANGE"),
    (raw({"t": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}}, b"\0" * 4), "SIZE_MISMATCH"),
    (raw({"t": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
          "u": {"dtype": "F32", "shape": [1], "data_offsets": [2, 6]}}, b"\0" * 6), "OVERLAPPING_OFFSETS"),
    (raw({"t": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}, b"\0" * 8), "NOT_CONTIGUOUS"),
    (raw({"t": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}, b"\0" * 8), "NOT_CONTIGUOUS"),
    (raw({"t": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}, b"\0" * 4), "TRUNCATED"),
    (raw({"t": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "v": {"dtype": "F32", "shape": [1],
          "data_offsets": [4, 8], "x": float("nan")}}, b"\0" * 8), "MALFORMED_HEADER"),
])
def test_hostile_input_names_the_broken_rule(data, rule):
    with pytest.raises(SafetensorsFormatError) as e:
        safetensors.decode(data)
    assert e.value.rule == rule


def test_file_size_is_bounded_before_reading(tmp_path):
    path = tmp_path / "big.safetensors"
    path.write_bytes(safetensors.encode({"w": np.zeros(100, np.float32)}))
    with pytest.raises(SafetensorsFormatError) as e:
        safetensors.read(path, max_bytes=100)
    assert e.value.rule == "FILE_TOO_LARGE"
