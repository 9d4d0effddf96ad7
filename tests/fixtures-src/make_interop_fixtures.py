#!/usr/bin/python3
"""Makes the SAE interoperability fixtures of tests/SaeLab.Tests/Fixtures/interop/ and their reference outputs.

Rerun from the repository root with the Debian interpreter (torch 1.13, numpy):

    /usr/bin/python3 tests/fixtures-src/make_interop_fixtures.py

It writes small SAEs in the on-disk layouts of SAELens (cfg.json + sae_weights.safetensors) for the architectures
standard, jumprelu, gated and topk, and of EleutherAI sparsify (a hookpoint folder with cfg.json + sae.safetensors,
bfloat16 weights), then encodes and decodes a fixed input with each in torch, following the libraries' own code:
    SAELens  sae_lens/saes/sae.py (process_sae_in: x - b_dec * apply_b_dec_to_input), standard_sae.py,
             jumprelu_sae.py, gated_sae.py, topk_sae.py (topk of pre, then ReLU, scattered into zeros)
    sparsify sparsify/sparse_coder.py (encode: x - b_dec; decode: top acts @ W_dec + b_dec),
             sparsify/fused_encoder.py (ReLU(linear(x)), then topk)
The maths below is our own statement of what those files compute, not their code.
reference.safetensors holds the input x and, per SAE, '<name>.codes' and '<name>.recon'. The tests never run Python.
No safetensors package is needed: safetensors_writer.py beside it writes the format by hand.
"""
import json
import os

import torch
import torch.nn.functional as F

from safetensors_writer import write_safetensors

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "SaeLab.Tests", "Fixtures", "interop")
D_IN, D_SAE, N, K = 6, 10, 8, 3


def write_folder(name, cfg, weights_file, tensors):
    folder = os.path.join(OUT, name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "cfg.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    write_safetensors(os.path.join(folder, weights_file), tensors)


def saelens(name, architecture, tensors, encode, apply_b_dec, **extra):
    cfg = {"architecture": architecture, "d_in": D_IN, "d_sae": D_SAE, "dtype": "float32", "device": "cpu",
           "apply_b_dec_to_input": apply_b_dec, "normalize_activations": "none", **extra}
    write_folder(name, cfg, "sae_weights.safetensors", tensors)
    sae_in = x - tensors["b_dec"] * apply_b_dec
    codes = encode(sae_in)
    return codes, codes @ tensors["W_dec"] + tensors["b_dec"]


def randn(*shape):
    return torch.randn(*shape, generator=gen)


def keep_top_k(values, k):
    """Each row's k largest values, ReLU'd, at their own positions; zero everywhere else."""
    largest = values.topk(k, dim=-1)
    return torch.zeros_like(values).scatter(-1, largest.indices, largest.values.relu())


def base():
    return {"W_enc": randn(D_IN, D_SAE), "W_dec": randn(D_SAE, D_IN) * 0.5, "b_dec": randn(D_IN) * 0.3}


gen = torch.Generator().manual_seed(20240611)
x = randn(N, D_IN)
reference = {"x": x}

t = {**base(), "b_enc": randn(D_SAE) * 0.2}
reference["standard"] = saelens("standard", "standard", t, lambda s: F.relu(s @ t["W_enc"] + t["b_enc"]), True)

j = {**base(), "b_enc": randn(D_SAE) * 0.2, "threshold": torch.rand(D_SAE, generator=gen) * 1.5}


def jumprelu(s):
    # ReLU, then zero wherever the pre-activation does not exceed its feature's threshold.
    pre = s @ j["W_enc"] + j["b_enc"]
    return pre.relu() * (pre > j["threshold"]).float()


reference["jumprelu"] = saelens("jumprelu", "jumprelu", j, jumprelu, False)

g = {**base(), "b_gate": randn(D_SAE) * 0.3, "b_mag": randn(D_SAE) * 0.3, "r_mag": randn(D_SAE) * 0.2}


def gated(s):
    # The gate path decides which features fire; the magnitude path (W_enc rescaled by exp(r_mag)) sets their size.
    gate = (s @ g["W_enc"] + g["b_gate"] > 0).float()
    magnitude = (s @ (g["W_enc"] * g["r_mag"].exp()) + g["b_mag"]).relu()
    return gate * magnitude


reference["gated"] = saelens("gated", "gated", g, gated, True)

k = {**base(), "b_enc": randn(D_SAE) * 0.2}


def topk(s):
    return keep_top_k(s @ k["W_enc"] + k["b_enc"], K)


reference["topk"] = saelens("topk", "topk", k, topk, True, k=K)

# sparsify: bfloat16 weights (as its trainer saves them under autocast); the reference computes in float32 from them.
sp = {"encoder.weight": randn(D_SAE, D_IN).bfloat16(), "encoder.bias": (randn(D_SAE) * 0.2).bfloat16(),
      "W_dec": (randn(D_SAE, D_IN) * 0.5).bfloat16(), "b_dec": (randn(D_IN) * 0.3).bfloat16()}
write_folder(os.path.join("sparsify", "layers.4"),
             {"activation": "topk", "expansion_factor": 32, "normalize_decoder": True, "num_latents": D_SAE, "k": K,
              "multi_topk": False, "skip_connection": False, "transcode": False, "d_in": D_IN},
             "sae.safetensors", sp)
# Its encoder is a Linear layer over x - b_dec (weight [F, d]) whose outputs are ReLU'd before the top k are kept, so
# every code is the same as keeping the top k of the linear outputs and ReLU-ing those.
w = {name: value.float() for name, value in sp.items()}
sparsify_codes = keep_top_k(F.linear(x - w["b_dec"], w["encoder.weight"], w["encoder.bias"]), K)
reference["sparsify"] = (sparsify_codes, sparsify_codes @ w["W_dec"] + w["b_dec"])

flat = {"x": x}
for name, value in reference.items():
    if name != "x":
        flat[name + ".codes"], flat[name + ".recon"] = value
write_safetensors(os.path.join(OUT, "reference.safetensors"), flat)
print("wrote", OUT)
