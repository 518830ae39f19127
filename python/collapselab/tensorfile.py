"""The tensors file the exporter writes (weights.bin, data.bin) and the trainer's
checkpoints: a little-endian uint32 header length, a UTF-8 JSON header
`{"meta": {...}, "tensors": [{"name", "dtype", "shape", "offset"}]}`, then the raw
little-endian data of each tensor at its byte offset from the end of the header.
dtype is float32, int32 or uint8. Needs nothing but the standard library and torch.
"""
import ctypes
import json
import struct
import sys

import torch

_DTYPES = {"float32": torch.float32, "int32": torch.int32, "uint8": torch.uint8}
_SIZES = {"float32": 4, "int32": 4, "uint8": 1}


def read_tensors(path):
    """(tensors by name, meta dict) from a tensors file."""
    with open(path, "rb") as fh:
        blob = fh.read()
    return parse_tensors(blob)


def parse_tensors(blob):
    """(tensors by name, meta dict) from the bytes of a tensors file."""
    (header_len,) = struct.unpack_from("<I", blob, 0)
    header = json.loads(blob[4:4 + header_len].decode("utf-8"))
    base = 4 + header_len
    out = {}
    for entry in header["tensors"]:
        dtype = entry["dtype"]
        count = 1
        for s in entry["shape"]:
            count *= s
        start = base + entry["offset"]
        raw = bytearray(blob[start:start + count * _SIZES[dtype]])
        t = torch.frombuffer(raw, dtype=_DTYPES[dtype]) if count else torch.zeros(0, dtype=_DTYPES[dtype])
        out[entry["name"]] = t.reshape(entry["shape"])
    return out, header.get("meta", {})


def write_tensors(path, tensors, meta=None):
    """Writes tensors {name: tensor} (float32, int32 or uint8) and a meta dict."""
    entries, chunks, offset = [], [], 0
    names = {v: k for k, v in _DTYPES.items()}
    for name, t in tensors.items():
        t = t.detach().cpu().contiguous()
        dtype = names.get(t.dtype)
        if dtype is None:
            t, dtype = t.to(torch.float32), "float32"
        if sys.byteorder != "little":
            raise RuntimeError("Writing tensors files needs a little-endian machine.")
        data = ctypes.string_at(t.data_ptr(), t.numel() * t.element_size()) if t.numel() else b""
        entries.append({"name": name, "dtype": dtype, "shape": list(t.shape), "offset": offset})
        chunks.append(data)
        offset += len(data)
    header = json.dumps({"meta": meta or {}, "tensors": entries}).encode("utf-8")
    with open(path, "wb") as fh:
        fh.write(struct.pack("<I", len(header)))
        fh.write(header)
        for c in chunks:
            fh.write(c)
