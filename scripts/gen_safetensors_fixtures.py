"""Writes .safetensors fixtures (and their expected values as JSON) to test/fixtures/safetensors/.

Usage: /usr/bin/python3 scripts/gen_safetensors_fixtures.py   (needs PyTorch; CI never runs this)

The Python `safetensors` package is not installable here, so `serialize` below is a faithful port of
the reference writer, huggingface/safetensors safetensors/src/tensor.rs:
  - `prepare`: sort tensors by `right.dtype().cmp(&left.dtype()).then(lname.cmp(rname))`, i.e. by the
    `Dtype` enum's declaration order descending (BOOL < U8 < I8 < F8_E5M2 < F8_E4M3 < I16 < U16 < F16
    < BF16 < I32 < U32 < F32 < F64 < I64 < U64), then by name as UTF-8 bytes; offsets accumulate in that
    order; the header is `serde_json::to_string(&metadata)` padded with b' ' to a multiple of 8.
  - `Metadata::serialize`: "__metadata__" first (only when metadata is Some), then each tensor as
    {"dtype":..,"shape":[..],"data_offsets":[b,e]} (TensorInfo's field order), compact separators.
  - `serialize`: u64 little-endian header length, header bytes, then each tensor's bytes in order.
serde_json escapes '"', '\\' and control characters (\\b \\f \\n \\r \\t, else \\u00xx lowercase) and leaves
non-ASCII as UTF-8, which json.dumps(..., ensure_ascii=False, separators=(",", ":")) also does.
The tensor bytes follow safetensors/torch.py `_tobytes`: the contiguous tensor's little-endian bytes.
"""
import json
import os
import struct

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "safetensors")

DTYPE_ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"]
CODES = {torch.bool: "BOOL", torch.int32: "I32", torch.float32: "F32", torch.float64: "F64", torch.int64: "I64"}
PACK = {"BOOL": "?", "I32": "i", "F32": "f", "F64": "d", "I64": "q"}
NAMES = {torch.bool: "bool", torch.int32: "int32", torch.float32: "float32", torch.float64: "float64", torch.int64: "int64"}


def tensor_bytes(t):
    code = CODES[t.dtype]
    values = t.contiguous().flatten().tolist()
    return struct.pack("<%d%s" % (len(values), PACK[code]), *values)


def serialize(tensors, metadata=None):
    items = sorted(
        tensors.items(),
        key=lambda kv: (-DTYPE_ORDER.index(CODES[kv[1].dtype]), kv[0].encode("utf-8")),
    )
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    offset = 0
    blobs = []
    for name, t in items:
        blob = tensor_bytes(t)
        header[name] = {"dtype": CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    buf = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    buf += b" " * ((8 - len(buf) % 8) % 8)
    return struct.pack("<Q", len(buf)) + buf + b"".join(blobs)


def describe(t):
    values = t.flatten().tolist()
    if t.dtype == torch.bool:
        values = [int(v) for v in values]
    return {"dtype": NAMES[t.dtype], "shape": list(t.shape), "values": values}


def cases():
    g = torch.Generator().manual_seed(0)
    yield "mixed", {
        "weight": torch.randn(2, 3, generator=g),
        "bias": torch.tensor([0.5, -1.25, 3.0]),
        "steps": torch.tensor(7, dtype=torch.int64),
        "mask": torch.tensor([[True, False], [False, True]]),
        "counts": torch.tensor([1, -2, 2147483647, -2147483648], dtype=torch.int32),
        "double": torch.tensor([0.1, -1e300], dtype=torch.float64),
        "empty": torch.zeros(0, 3),
        "scalar": torch.tensor(2.5),
    }, {"format": "pt"}
    yield "no_metadata", {"a": torch.arange(3, dtype=torch.float64).reshape(3, 1)}, None
    yield "empty_dict", {}, None
    yield "empty_dict_metadata", {}, {"framework": "pt"}
    # Names that sort differently as UTF-8 bytes than as UTF-16 units, and names JSON must escape.
    yield "names", {
        "\ufffd": torch.tensor([1.0]),
        "\U0001F600": torch.tensor([2.0]),
        'quote"back\\slash': torch.tensor([3.0]),
        "tab\tnewline\n\x01": torch.tensor([4.0]),
        "layer.0.weight": torch.tensor([5.0]),
        "Z": torch.tensor([6.0]),
    }, {"note": "caf\u00e9 \"quoted\""}
    yield "int64_extremes", {
        "big": torch.tensor([2**53 - 1, -(2**53 - 1), 0, -1], dtype=torch.int64),
    }, None


def check_against_reference_tests():
    """The expected bytes of tensor.rs's own unit tests (test_empty, test_serialization, forced alignment)."""
    assert serialize({}) == bytes([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32])
    assert serialize({}, {"framework": "pt"}) == struct.pack("<Q", 40) + b'{"__metadata__":{"framework":"pt"}}' + b" " * 5
    data = torch.arange(6, dtype=torch.float32)
    expected = b'{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}'
    assert serialize({"attn.0": data.reshape(1, 2, 3)}) == struct.pack("<Q", 64) + expected + tensor_bytes(data)
    expected = b'{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}' + b" " * 7
    assert serialize({"attn0": data.reshape(1, 1, 2, 3)}) == struct.pack("<Q", 72) + expected + tensor_bytes(data)


def main():
    check_against_reference_tests()
    os.makedirs(OUT, exist_ok=True)
    for name, tensors, metadata in cases():
        with open(os.path.join(OUT, name + ".safetensors"), "wb") as f:
            f.write(serialize(tensors, metadata))
        expected = {"metadata": metadata, "tensors": {k: describe(v) for k, v in tensors.items()}}
        with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(expected, f, ensure_ascii=False, indent=1)
            f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
