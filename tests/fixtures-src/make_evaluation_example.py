"""By-hand example (not run in CI) for docs/evaluation.md, and a cross-check of `saelab eval` against
reference_pipeline.py's `validate` on real activations.

Reads the 20-problem CODI file, labels each problem from its worked answer as the seed did (only +/− →
pure_addition, only ×/÷ → pure_multiplication, otherwise mixed), trains the reference's PyTorch SAE on it, and
writes OUT/sae (SAELens layout: cfg.json + sae_weights.safetensors), OUT/codi20.safetensors (activations and
metadata in ActivationLoader's layout) and OUT/reference_validate.json (the reference's metrics).

    /usr/bin/python3 tests/fixtures-src/make_evaluation_example.py --data /work/shared/data \
        --reference /work/shared/reference/reference_pipeline.py --out /tmp/saelab-example
    saelab eval --sae /tmp/saelab-example/sae --data /tmp/saelab-example/codi20.safetensors
"""
import argparse, importlib.util, json, os, re, struct

import torch


def label(answer):
    ops = set("".join(re.findall(r"<<([^=]*)=", answer)))
    additive, multiplicative = bool(ops & set("+-")), bool(ops & set("*/"))
    if additive and not multiplicative:
        return "pure_addition"
    if multiplicative and not additive:
        return "pure_multiplication"
    return "mixed"


def write_safetensors(path, tensors, metadata):
    dtypes = {torch.float32: "F32", torch.int64: "I64"}
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, t in tensors.items():
        data = t.contiguous().numpy().tobytes()
        header[name] = {"dtype": dtypes[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    encoded = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)) + encoded + b"".join(blobs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True); ap.add_argument("--reference", required=True); ap.add_argument("--out", required=True)
    ap.add_argument("--features", type=int, default=512); ap.add_argument("--l1", type=float, default=1e-3)
    ap.add_argument("--epochs", type=int, default=200); ap.add_argument("--batch-size", type=int, default=32)
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("reference_pipeline", a.reference)
    ref = importlib.util.module_from_spec(spec); spec.loader.exec_module(ref)

    d = torch.load(os.path.join(a.data, "codi_llama_ct_20.pt"))
    X, meta = d["activations"].float(), d["metadata"]
    problems = {p["problem"]: label(p["answer"]) for p in json.load(open(os.path.join(a.data, "codi_llama_ct_20.problems.json")))}
    labels = [problems[p] for p in meta["problems"]]

    sae, _ = ref.train(X, a.features, a.l1, a.epochs, a.batch_size, 1e-3, 0)
    metrics, _ = ref.validate(sae, X)
    os.makedirs(os.path.join(a.out, "sae"), exist_ok=True)
    write_safetensors(os.path.join(a.out, "sae", "sae_weights.safetensors"), {
        "W_enc": sae.encoder.weight.data.t(), "b_enc": sae.encoder.bias.data,
        "W_dec": sae.decoder.weight.data.t(), "b_dec": sae.decoder.bias.data}, {})
    json.dump({"architecture": "standard", "d_in": X.shape[1], "d_sae": a.features, "dtype": "float32"},
              open(os.path.join(a.out, "sae", "cfg.json"), "w"))
    columns = {k: torch.tensor(meta[k], dtype=torch.int64) for k in ("problems", "layers", "tokens")}
    write_safetensors(os.path.join(a.out, "codi20.safetensors"), {"activations": X, **columns},
                      {"saelab.string_columns": json.dumps({"operation_types": labels})})
    json.dump(metrics, open(os.path.join(a.out, "reference_validate.json"), "w"), indent=1)
    print(json.dumps(metrics, indent=1), {l: labels.count(l) // 6 for l in set(labels)})


if __name__ == "__main__":
    main()
