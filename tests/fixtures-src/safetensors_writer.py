"""Writes safetensors files without the safetensors package, for the fixture scripts beside it.

The format (https://github.com/huggingface/safetensors, README "Format"): an 8-byte little-endian header length, a
JSON header mapping each tensor name to its dtype, shape and [begin, end) byte offsets into the data that follows,
padded with spaces to a multiple of 8, then the raw little-endian tensor bytes.
"""
import json
import struct

import torch

DTYPE_NAMES = {torch.float32: "F32", torch.bfloat16: "BF16", torch.float16: "F16"}


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.contiguous()
        raw = t.view(torch.int16).numpy().tobytes() if t.dtype == torch.bfloat16 else t.numpy().tobytes()
        header[name] = {"dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
