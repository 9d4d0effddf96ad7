#!/usr/bin/python3
"""Makes the small file-format fixtures of tests/SaeLab.Tests/Fixtures/formats/ and their expected values.

Rerun from the repository root with the Debian interpreter (torch 1.13, numpy, pandas):

    /usr/bin/python3 tests/fixtures-src/make_format_fixtures.py

Every fixture is a few KB. expected.json holds, for each tensor, its dtype, shape and row-major values as
computed by torch/numpy: the oracle the C# readers are tested against. The tests themselves never run Python.
"""
import collections
import json
import os
import struct
import sys

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "SaeLab.Tests", "Fixtures", "formats")
# The malicious fixtures would create this file if anything executed them; the tests assert it never appears.
PWNED = "/tmp/saelab_fixture_pwned"


def path(name):
    return os.path.join(OUT, name)


def expected_entry(t):
    if isinstance(t, torch.Tensor):
        dtype = str(t.dtype).replace("torch.", "")
        values = t.to(torch.float64).contiguous().reshape(-1).tolist()
        return {"dtype": dtype, "shape": list(t.shape), "values": values}
    return {"dtype": t.dtype.name, "shape": list(t.shape), "values": t.astype(np.float64).reshape(-1).tolist()}


def make_tensor_zoo(expected):
    """Strides, offsets, shared storages, every dtype, nested containers, OrderedDict, Parameter, bytes."""
    g = torch.Generator().manual_seed(0)
    base = torch.randn(4, 6, generator=g)
    flat = torch.arange(20, dtype=torch.float32)
    shared = torch.arange(12, dtype=torch.float32)
    zoo = {
        "contiguous": base,
        "transposed": base.t(),
        "strided": base[:, ::2],
        "offset": flat[5:11].view(2, 3),
        "shared_a": shared[:6],
        "shared_b": shared.view(3, 4)[1:],
        "expanded": torch.tensor([1.5, -2.0]).unsqueeze(0).expand(3, 2),
        "scalar": torch.tensor(3.25),
        "float16": torch.tensor([[0.5, -1.25], [65504.0, 1e-3]], dtype=torch.float16),
        "bfloat16": torch.tensor([1.0, -2.5, 3.0e10], dtype=torch.bfloat16),
        "float64": torch.tensor([1.0 / 3.0, -1e300], dtype=torch.float64),
        "int64": torch.tensor([-(2 ** 40), 7, 0], dtype=torch.int64),
        "int32": torch.tensor([[1, -2], [3, -4]], dtype=torch.int32).t(),
        "int16": torch.tensor([-300, 300], dtype=torch.int16),
        "int8": torch.tensor([-128, 127], dtype=torch.int8),
        "uint8": torch.tensor([0, 255], dtype=torch.uint8),
        "bool": torch.tensor([True, False, True]),
        "empty": torch.zeros(0, 3),
        "parameter": torch.nn.Parameter(torch.tensor([2.0, 4.0])),
    }
    for name, t in zoo.items():
        expected["tensors.pt"][name] = expected_entry(t.detach())
    obj = dict(zoo)
    obj["ordered"] = collections.OrderedDict([("z", 1), ("a", 2)])
    obj["plain"] = {"ints": [0, 255, 256, 65535, 65536, -1, 2 ** 31, -(2 ** 63)], "floats": [0.5, -1e-300],
                    "text": "héllo ✓", "none": None, "flags": (True, False), "blob": b"\x00\x01bytes",
                    "nested": [{"deep": [[1, [2, [3]]]]}]}
    torch.save(obj, path("tensors.pt"))


def make_seed_layout(expected):
    g = torch.Generator().manual_seed(1)
    problems, layers, tokens = [], [], []
    for p in range(2):
        for layer in (4, 8):
            for t in range(3):
                problems.append(p)
                layers.append(layer)
                tokens.append(t)
    n = len(problems)
    acts = torch.randn(n, 5, generator=g)
    ops = ["pure_addition" if p == 0 else "mixed" for p in problems]
    obj = {
        "activations": acts,
        "metadata": {"problems": problems, "layers": layers, "tokens": tokens, "operation_types": ops,
                     "gsm8k_idx": torch.tensor([100 + p for p in problems]), "norms": [1.5] * n},
        "info": {"num_problems": 2, "hidden_dim": 5, "source": "fixture"},
    }
    torch.save(obj, path("seed_layout.pt"))
    expected["seed_layout.pt"] = {"activations": expected_entry(acts), "problems": problems, "layers": layers,
                                  "tokens": tokens, "operation_types": ops}
    # A custom layout: activations under data.acts, metadata under data.meta as a 1-D int32 tensor.
    custom = {"data": {"acts": acts[:4].clone(), "meta": {"problems": torch.tensor(problems[:4], dtype=torch.int32)}}}
    torch.save(custom, path("custom_layout.pt"))
    bad = acts.clone()
    bad[1, 2] = float("nan")
    bad[3, 0] = float("inf")
    torch.save({"activations": bad}, path("nonfinite.pt"))
    torch.save({"activations": acts, "metadata": {"problems": problems[:-1]}}, path("short_metadata.pt"))
    return acts.numpy(), problems, ops


class System:
    def __reduce__(self):
        return (os.system, ("touch " + PWNED,))


class Eval:
    def __reduce__(self):
        return (eval, ("__import__('os').system('touch " + PWNED + "')",))


def make_malicious():
    # torch.save pickles __reduce__ results verbatim: GLOBAL 'posix system' / 'builtins eval' + REDUCE.
    torch.save({"activations": torch.zeros(2, 2), "payload": System()}, path("malicious_system.pt"))
    torch.save({"payload": Eval(), "activations": torch.zeros(2, 2)}, path("malicious_eval.pt"))


def make_numpy(expected, acts, problems, ops):
    arr = np.arange(12, dtype=np.float32).reshape(4, 3) / 4
    np.save(path("c_order.npy"), arr)
    np.save(path("fortran.npy"), np.asfortranarray(arr))
    big = np.array([[1.5, -2.25], [1e100, 0.0]], dtype=">f8")
    np.save(path("big_endian.npy"), big)
    np.save(path("int16_be.npy"), np.array([1, -2, 300], dtype=">i2"))
    np.save(path("bool.npy"), np.array([True, False]))
    np.save(path("f16_fortran_3d.npy"), np.asfortranarray(np.arange(24, dtype=np.float16).reshape(2, 3, 4)))
    np.save(path("labels.npy"), np.array(["a", "bcd", "✓"]))
    with open(path("v2.npy"), "wb") as f:
        np.lib.format.write_array(f, arr, version=(2, 0))
    for name, a in [("c_order.npy", arr), ("fortran.npy", arr), ("big_endian.npy", big),
                    ("int16_be.npy", np.array([1, -2, 300], dtype=">i2")), ("bool.npy", np.array([True, False])),
                    ("f16_fortran_3d.npy", np.arange(24, dtype=np.float16).reshape(2, 3, 4)), ("v2.npy", arr)]:
        expected["npy"][name] = expected_entry(a)
    np.savez_compressed(path("acts_compressed.npz"), activations=acts, problems=np.array(problems),
                        operation_types=np.array(ops), layers=np.array([4] * len(problems), dtype=np.int32),
                        norms=np.ones(len(problems)), mean=acts.mean(axis=0))
    np.savez(path("acts_stored.npz"), acts=acts.astype(np.float16))
    with open(path("meta.json"), "w") as f:
        json.dump({"problems": problems, "operation_types": ops}, f)
    with open(path("meta.csv"), "w") as f:
        f.write("problems,operation_types,note\n")
        for p, o in zip(problems, ops):
            f.write(f'{p},{o},"a, ""quoted"" note"\n')


def make_safetensors(acts, problems, ops):
    """Written by hand (no safetensors package here) in SaeLab's activation layout."""
    tensors = [("activations", "F32", list(acts.shape), acts.astype("<f4").tobytes()),
               ("problems", "I64", [len(problems)], np.array(problems, dtype="<i8").tobytes())]
    header, offset, blob = {}, 0, b""
    header["__metadata__"] = {"saelab.string_columns": json.dumps({"operation_types": ops}),
                              "saelab.info": json.dumps({"source": "fixture"})}
    for name, dtype, shape, data in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blob += data
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path("acts.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + blob)


def make_pipeline_layouts():
    """What Python pipelines write beyond SaeLab's layouts: pandas object columns and [N, seq, d] batches."""
    import pandas as pd
    frame = pd.DataFrame({"sample_id": ["gsm8k-051", "gsm8k-051", "gsm8k-007"],
                          "op": ["mixed", "mixed", "pure_addition"],
                          "note": ["x", None, float("nan")]})
    acts = np.arange(9, dtype=np.float32).reshape(3, 3)
    # Object arrays (pandas' .values of a string column) are pickled by np.save.
    np.savez(path("pandas_columns.npz"), activations=acts, sample_id=frame["sample_id"].values,
             operation_types=frame["op"].values, note=frame["note"].values)
    np.save(path("pandas_labels.npy"), frame["op"].values)
    # A hook's batch of sequences: 2 samples x 3 positions x 4 dims, one label per sample.
    sequences = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)
    torch.save({"activations": sequences, "metadata": {"operation_types": ["mixed", "pure_addition"]}},
               path("sequences.pt"))
    np.save(path("sequences.npy"), sequences.numpy())


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {"tensors.pt": {}, "npy": {}}
    make_tensor_zoo(expected)
    acts, problems, ops = make_seed_layout(expected)
    make_malicious()
    make_numpy(expected, acts.numpy() if isinstance(acts, torch.Tensor) else acts, problems, ops)
    make_safetensors(acts, problems, ops)
    make_pipeline_layouts()
    with open(path("expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    if os.path.exists(PWNED):
        sys.exit(f"{PWNED} exists: remove it, the tests assert that loading the malicious fixtures never creates it")


if __name__ == "__main__":
    main()
