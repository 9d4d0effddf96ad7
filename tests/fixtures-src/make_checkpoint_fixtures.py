#!/usr/bin/python3
"""Makes the SAE checkpoint fixtures of tests/SaeLab.Tests/Fixtures/checkpoints/ and their reference outputs.

Rerun from the repository root with the Debian interpreter (torch 1.13):

    /usr/bin/python3 tests/fixtures-src/make_checkpoint_fixtures.py

It writes small SAEs (d_in 6, d_sae 10) in the layouts researchers already have, loads each back the way its own
library does, and encodes and decodes a fixed input. The modules below are our own minimal restatements of each
library's classes: the same attribute names, registration order and tensor layouts (so torch.save writes the state
dicts those classes write), and their inference maths, each citing the source it describes:

    seed/sae_weights.pt             GusSand/CoT_Exploration src/experiments/sae_pilot/2_train_sae.py (45111621):
                                    torch.save({'model_state_dict', 'config', 'training_info'})
    dictionary_learning/<kind>/     saprmarks/dictionary_learning: ae.pt (a state_dict, saved as training.py saves it)
                                    + config.json ({"trainer": trainer.config, "buffer": ...}) for AutoEncoder,
                                    AutoEncoderTopK, BatchTopKSAE, MatryoshkaBatchTopKSAE, JumpReluAutoEncoder and
                                    GatedAutoEncoder
    saelens_v5/topk, .../finetuned  SAELens 4.x/5.x folders (sae_lens/sae.py, 01f67311): a "standard" SAE whose
                                    activation_fn_str is "topk" with activation_fn_kwargs {"k": 3}, and a ReLU SAE
                                    (old key "activation_fn") with finetuning_scaling_factor
    refusals/seed_missing_tensor/   a seed checkpoint whose state_dict lacks decoder.bias

reference.safetensors holds the input x and, per SAE, '<folder>.codes' and '<folder>.recon' (e.g.
'dictionary_learning/topk.codes'). The tests never run Python. Parameters are random (fixed seeds), moved away from
each class's initialisation the way training moves them; decoder columns stay unit-norm where the trainer keeps them
so (every dictionary_learning trainer but the April-update AutoEncoder one).
"""
import json
import os

import torch
import torch.nn as nn

from safetensors_writer import write_safetensors

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "SaeLab.Tests", "Fixtures", "checkpoints")
D_IN, D_SAE, N, K = 6, 10, 8, 3


def transposed(rows, cols):
    """A [rows, cols] tensor laid out as the transpose of a [cols, rows] one: what `w.clone().T` and
    `w.T.clone()` leave in these classes, and what torch.save then stores."""
    return torch.zeros(cols, rows).t()


def keep_top_k(values, k):
    """ReLU'd values kept at the k largest entries of each row, zero elsewhere."""
    top = values.topk(k, dim=-1)
    return torch.zeros_like(values).scatter(-1, top.indices, torch.relu(top.values))


# ---- the seed pipeline (CoT_Exploration src/experiments/sae_pilot/2_train_sae.py, 45111621, SparseAutoencoder) ------
# Two nn.Linear layers with biases, encoder first (both draw their initial values from torch's global generator); the
# decoder's weight is then replaced, in place of its data, by a copy of the encoder's transpose, which keeps the
# transposed strides. Codes are ReLU(encoder(x)), the reconstruction decoder(codes); forward returns (recon, codes).

class SeedSae(nn.Module):
    def __init__(self, input_dim, n_features):
        super().__init__()
        self.input_dim, self.n_features = input_dim, n_features
        self.encoder = nn.Linear(input_dim, n_features)
        self.decoder = nn.Linear(n_features, input_dim)
        tied = self.encoder.weight.detach().t().clone()  # [input_dim, n_features], strides (1, input_dim)
        self.decoder.weight.data = tied

    def forward(self, x):
        codes = torch.relu(self.encoder(x))
        return self.decoder(codes), codes


# ---- saprmarks/dictionary_learning: the state dicts its classes save, and their encode / decode --------------------

class DlAutoEncoder(nn.Module):
    """dictionary.py AutoEncoder (a711efe3): bias [d] (b_dec, subtracted before the encoder), encoder Linear with bias,
    decoder Linear without; decoder.weight [d, F], encoder.weight its transposed copy."""

    def __init__(self):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(D_IN))
        self.encoder = nn.Linear(D_IN, D_SAE)
        self.decoder = nn.Linear(D_SAE, D_IN, bias=False)
        self.encoder.weight = nn.Parameter(transposed(D_SAE, D_IN))


def dl_autoencoder_loaded(state):
    """AutoEncoder.from_pretrained (normalize_decoder=True): decoder columns scaled to unit norm, the encoder's rows and
    bias scaled up to match, so reconstructions are unchanged and codes are in unit-decoder units."""
    norms = state["decoder.weight"].norm(dim=0)
    if torch.allclose(norms, torch.ones_like(norms)):
        norms = torch.ones_like(norms)
    w_enc, b_enc = state["encoder.weight"] * norms[:, None], state["encoder.bias"] * norms
    w_dec = state["decoder.weight"] / norms
    codes = torch.relu((x - state["bias"]) @ w_enc.T + b_enc)
    return codes, codes @ w_dec.T + state["bias"]


class DlTopK(nn.Module):
    """trainers/top_k.py AutoEncoderTopK (0ff88883) and trainers/batch_top_k.py BatchTopKSAE (17aa5d52), which store the
    same tensors: b_dec, buffers k (int32) and threshold (float32 scalars), decoder Linear [d, F] without bias, encoder
    Linear with bias whose weight is the decoder's transposed copy."""

    def __init__(self, k):
        super().__init__()
        self.register_buffer("k", torch.tensor(k, dtype=torch.int))
        self.register_buffer("threshold", torch.tensor(-1.0))
        self.decoder = nn.Linear(D_SAE, D_IN, bias=False)
        self.encoder = nn.Linear(D_IN, D_SAE)
        self.encoder.weight.data = transposed(D_SAE, D_IN)
        self.b_dec = nn.Parameter(torch.zeros(D_IN))


def dl_post_relu(state):
    return torch.relu((x - state["b_dec"]) @ state["encoder.weight"].T + state["encoder.bias"])


def dl_topk_loaded(state):
    """AutoEncoderTopK.encode's default (use_threshold=False): the top k of each row's ReLU'd pre-activations."""
    codes = keep_top_k(dl_post_relu(state), int(state["k"]))
    return codes, codes @ state["decoder.weight"].T + state["b_dec"]


def dl_batchtopk_loaded(state):
    """BatchTopKSAE.encode's default (use_threshold=True): ReLU'd pre-activations above the scalar threshold."""
    post = dl_post_relu(state)
    codes = post * (post > state["threshold"])
    return codes, codes @ state["decoder.weight"].T + state["b_dec"]


class DlMatryoshka(nn.Module):
    """trainers/matryoshka_batch_top_k.py MatryoshkaBatchTopKSAE (5ebe376d): W_enc [d, F] (W_dec's transposed copy),
    b_enc, W_dec [F, d], b_dec as parameters; buffers k, threshold and group_sizes."""

    def __init__(self, k, group_sizes):
        super().__init__()
        self.register_buffer("k", torch.tensor(k, dtype=torch.int))
        self.register_buffer("threshold", torch.tensor(-1.0))
        self.register_buffer("group_sizes", torch.tensor(group_sizes))
        self.W_enc = nn.Parameter(transposed(D_IN, D_SAE))
        self.b_enc = nn.Parameter(torch.zeros(D_SAE))
        self.W_dec = nn.Parameter(torch.zeros(D_SAE, D_IN))
        self.b_dec = nn.Parameter(torch.zeros(D_IN))


def dl_matryoshka_loaded(state):
    """encode's default (use_threshold=True) over all groups: ReLU((x - b_dec) W_enc + b_enc) above the threshold."""
    post = torch.relu((x - state["b_dec"]) @ state["W_enc"] + state["b_enc"])
    codes = post * (post > state["threshold"])
    return codes, codes @ state["W_dec"] + state["b_dec"]


class DlJumpRelu(nn.Module):
    """dictionary.py JumpReluAutoEncoder (a711efe3): W_enc [d, F] (W_dec's transposed copy), b_enc, W_dec [F, d], b_dec
    and a per-feature threshold parameter; it does not subtract b_dec from the input."""

    def __init__(self):
        super().__init__()
        self.W_enc = nn.Parameter(transposed(D_IN, D_SAE))
        self.b_enc = nn.Parameter(torch.zeros(D_SAE))
        self.W_dec = nn.Parameter(torch.zeros(D_SAE, D_IN))
        self.b_dec = nn.Parameter(torch.zeros(D_IN))
        self.threshold = nn.Parameter(torch.zeros(D_SAE))


def dl_jumprelu_loaded(state):
    pre = x @ state["W_enc"] + state["b_enc"]
    codes = torch.relu(pre * (pre > state["threshold"]))
    return codes, codes @ state["W_dec"] + state["b_dec"]


class DlGated(nn.Module):
    """dictionary.py GatedAutoEncoder (a711efe3): decoder_bias, encoder Linear without bias (the decoder's transposed
    copy), r_mag, gate_bias, mag_bias, decoder Linear [d, F] without bias."""

    def __init__(self):
        super().__init__()
        self.decoder_bias = nn.Parameter(torch.zeros(D_IN))
        self.encoder = nn.Linear(D_IN, D_SAE, bias=False)
        self.r_mag = nn.Parameter(torch.zeros(D_SAE))
        self.gate_bias = nn.Parameter(torch.zeros(D_SAE))
        self.mag_bias = nn.Parameter(torch.zeros(D_SAE))
        self.decoder = nn.Linear(D_SAE, D_IN, bias=False)
        self.encoder.weight = nn.Parameter(transposed(D_SAE, D_IN))


def dl_gated_loaded(state):
    """encode: pre = encoder(x - decoder_bias); codes = [pre + gate_bias > 0] * ReLU(exp(r_mag) pre + mag_bias)."""
    pre = (x - state["decoder_bias"]) @ state["encoder.weight"].T
    gate = (pre + state["gate_bias"] > 0).to(pre.dtype)
    codes = gate * torch.relu(state["r_mag"].exp() * pre + state["mag_bias"])
    return codes, codes @ state["decoder.weight"].T + state["decoder_bias"]


# ---- SAELens 4.x/5.x (sae_lens/sae.py, 01f67311): the standard SAE's encode and decode -----------------------------
# The old cfg key "activation_fn" reads as "activation_fn_str"; "topk" keeps each row's k largest pre-activations,
# ReLU'd; x - b_dec when apply_b_dec_to_input; with finetuning_scaling_factor the codes are multiplied by that
# per-feature tensor before the decoder.

def saelens_v5_forward(cfg, p):
    activation = cfg.get("activation_fn_str", cfg.get("activation_fn"))
    pre = (x - p["b_dec"] * cfg["apply_b_dec_to_input"]) @ p["W_enc"] + p["b_enc"]
    codes = keep_top_k(pre, cfg["activation_fn_kwargs"]["k"]) if activation == "topk" else torch.relu(pre)
    scaled = codes * p["finetuning_scaling_factor"] if cfg["finetuning_scaling_factor"] else codes
    return codes, scaled @ p["W_dec"] + p["b_dec"]


# ---- writing the fixtures ------------------------------------------------------------------------------------------

gen = torch.Generator().manual_seed(20250301)


def randn(*shape):
    return torch.randn(*shape, generator=gen)


def folder(name):
    path = os.path.join(OUT, name)
    os.makedirs(path, exist_ok=True)
    return path


x = randn(N, D_IN)
reference = {}


def write_seed(name, drop=()):
    torch.manual_seed(1)
    sae = SeedSae(D_IN, D_SAE)
    with torch.no_grad():
        # Adam updates parameters in place, so the decoder keeps the transposed strides clone() gave it: the saved
        # decoder.weight is not contiguous.
        sae.encoder.weight.mul_(2.0)
        sae.encoder.bias.add_(randn(D_SAE) * 0.3)
        sae.decoder.weight.add_(randn(D_IN, D_SAE) * 0.3)
        sae.decoder.bias.add_(randn(D_IN) * 0.3)
    assert sae.decoder.weight.stride() == (1, D_IN)
    state_dict = sae.state_dict()
    for key in drop:
        del state_dict[key]
    # The file 2_train_sae.py writes: the state dict, the constructor's arguments and the training run's summary, keys
    # in this order (pickle keeps it).
    config = dict(input_dim=sae.input_dim, n_features=sae.n_features, l1_coefficient=0.01)
    run = dict(n_epochs=20, batch_size=256, learning_rate=3e-4, final_recon_loss=0.0123, final_l0_sparsity=4.75)
    path = os.path.join(folder(name), "sae_weights.pt")
    torch.save(dict(model_state_dict=state_dict, config=config, training_info=run), path)
    return path


seed_path = write_seed("seed")
checkpoint = torch.load(seed_path)
seed = SeedSae(checkpoint['config']['input_dim'], checkpoint['config']['n_features'])
seed.load_state_dict(checkpoint['model_state_dict'])
with torch.no_grad():
    seed_recon, seed_codes = seed(x)
reference["seed"] = (seed_codes, seed_recon)
write_seed(os.path.join("refusals", "seed_missing_tensor"), drop=("decoder.bias",))

BUFFER = {"d_submodule": D_IN, "io": "out", "n_ctxs": 3000, "ctx_len": 128, "refresh_batch_size": 512,
          "out_batch_size": 8192, "device": "cpu"}


def trainer_config(trainer_class, dict_class, **extra):
    return {"trainer_class": trainer_class, "dict_class": dict_class, "lr": 3e-4, "steps": 2000, "seed": 0,
            "activation_dim": D_IN, "dict_size": D_SAE, "device": "cpu", "layer": 3,
            "lm_name": "EleutherAI/pythia-70m-deduped", "wandb_name": trainer_class, "submodule_name": "resid_post_layer_3",
            **extra}


def write_dictionary_learning(kind, ae, config, load, plain_dict=True):
    path = folder(os.path.join("dictionary_learning", kind))
    # training.py saves {k: v.cpu() for k, v in trainer.ae.state_dict().items()} (a plain dict); older versions saved
    # trainer.ae.state_dict() itself (an OrderedDict).
    state_dict = ae.state_dict()
    torch.save(dict(state_dict) if plain_dict else state_dict, os.path.join(path, "ae.pt"))
    with open(os.path.join(path, "config.json"), "w") as f:
        json.dump({"trainer": config, "buffer": BUFFER}, f, indent=4)
    with torch.no_grad():
        codes, recon = load(torch.load(os.path.join(path, "ae.pt")))
    reference["dictionary_learning/" + kind] = (codes, recon)


def unit_columns(w):
    return w / w.norm(dim=0, keepdim=True)


ae = DlAutoEncoder()
with torch.no_grad():
    # Trained without a unit-norm constraint (the April-update trainer), so from_pretrained normalises the decoder.
    ae.encoder.weight.copy_(randn(D_SAE, D_IN))
    ae.encoder.bias.copy_(randn(D_SAE) * 0.3)
    ae.decoder.weight.copy_(randn(D_IN, D_SAE) * (0.5 + 1.5 * torch.rand(D_SAE, generator=gen)))
    ae.bias.copy_(randn(D_IN) * 0.3)
write_dictionary_learning("standard", ae, trainer_config("StandardTrainerAprilUpdate", "AutoEncoder", l1_penalty=0.1,
                                                          warmup_steps=100, sparsity_warmup_steps=200, decay_start=None),
                          dl_autoencoder_loaded)

ae = DlTopK(K)
with torch.no_grad():
    ae.encoder.weight.copy_(randn(D_SAE, D_IN))
    ae.encoder.bias.copy_(randn(D_SAE) * 0.3)
    ae.decoder.weight.copy_(unit_columns(randn(D_IN, D_SAE)))
    ae.b_dec.copy_(randn(D_IN) * 0.3)
    ae.threshold.fill_(0.2)
write_dictionary_learning("topk", ae, trainer_config("TopKTrainer", "AutoEncoderTopK", k=K, auxk_alpha=1 / 32,
                                                     warmup_steps=100, decay_start=None, threshold_beta=0.999,
                                                     threshold_start_step=100),
                          dl_topk_loaded)

ae = DlTopK(K)
with torch.no_grad():
    ae.encoder.weight.copy_(randn(D_SAE, D_IN))
    ae.encoder.bias.copy_(randn(D_SAE) * 0.3)
    ae.decoder.weight.copy_(unit_columns(randn(D_IN, D_SAE)))
    ae.b_dec.copy_(randn(D_IN) * 0.3)
    ae.threshold.fill_(0.9)
write_dictionary_learning("batchtopk", ae, trainer_config("BatchTopKTrainer", "BatchTopKSAE", k=K, auxk_alpha=1 / 32,
                                                          warmup_steps=100, decay_start=None, threshold_beta=0.999,
                                                          threshold_start_step=100, top_k_aux=D_IN // 2),
                          dl_batchtopk_loaded)

group_sizes = [2, 3, 5]
ae = DlMatryoshka(K, group_sizes)
with torch.no_grad():
    ae.W_enc.copy_(randn(D_IN, D_SAE))
    ae.b_enc.copy_(randn(D_SAE) * 0.3)
    ae.W_dec.copy_(unit_columns(randn(D_IN, D_SAE)).T)
    ae.b_dec.copy_(randn(D_IN) * 0.3)
    ae.threshold.fill_(0.7)
write_dictionary_learning("matryoshka", ae, trainer_config(
    "MatryoshkaBatchTopKTrainer", "MatryoshkaBatchTopKSAE", k=K, group_fractions=[0.2, 0.3, 0.5],
    group_weights=[1 / 3] * 3, group_sizes=group_sizes, auxk_alpha=1 / 32, warmup_steps=100, decay_start=None,
    threshold_beta=0.999, threshold_start_step=100, top_k_aux=D_IN // 2), dl_matryoshka_loaded)

ae = DlJumpRelu()
with torch.no_grad():
    ae.W_enc.copy_(randn(D_IN, D_SAE))
    ae.b_enc.copy_(randn(D_SAE) * 0.3)
    ae.W_dec.copy_(unit_columns(randn(D_IN, D_SAE)).T)
    ae.b_dec.copy_(randn(D_IN) * 0.3)
    ae.threshold.copy_(torch.rand(D_SAE, generator=gen) * 1.2)
write_dictionary_learning("jumprelu", ae, trainer_config("JumpReluTrainer", "JumpReluAutoEncoder", bandwidth=0.001,
                                                         sparsity_penalty=1.0, sparsity_warmup_steps=200, target_l0=3.0),
                          dl_jumprelu_loaded)

ae = DlGated()
with torch.no_grad():
    ae.encoder.weight.copy_(randn(D_SAE, D_IN))
    ae.decoder.weight.copy_(unit_columns(randn(D_IN, D_SAE)))
    ae.decoder_bias.copy_(randn(D_IN) * 0.3)
    ae.r_mag.copy_(randn(D_SAE) * 0.3)
    ae.gate_bias.copy_(randn(D_SAE) * 0.3)
    ae.mag_bias.copy_(randn(D_SAE) * 0.3)
write_dictionary_learning("gated", ae, trainer_config("GatedSAETrainer", "GatedAutoEncoder", l1_penalty=0.1,
                                                      warmup_steps=100),
                          dl_gated_loaded, plain_dict=False)


def write_saelens_v5(name, cfg_extra, params):
    cfg = {"architecture": "standard", "d_in": D_IN, "d_sae": D_SAE, "dtype": "float32", "device": "cpu",
           "model_name": "gpt2", "hook_name": "blocks.8.hook_resid_pre", "hook_layer": 8, "hook_head_index": None,
           **cfg_extra, "sae_lens_training_version": "5.3.0", "prepend_bos": True, "dataset_path": "apollo-research/x",
           "dataset_trust_remote_code": True, "context_size": 128, "normalize_activations": "none",
           "neuronpedia_id": None, "model_from_pretrained_kwargs": {}}
    path = folder(os.path.join("saelens_v5", name))
    with open(os.path.join(path, "cfg.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    write_safetensors(os.path.join(path, "sae_weights.safetensors"), params)
    reference["saelens_v5/" + name] = saelens_v5_forward(cfg, params)


def saelens_params(**extra):
    return {"W_enc": randn(D_IN, D_SAE), "b_enc": randn(D_SAE) * 0.3, "W_dec": randn(D_SAE, D_IN) * 0.5,
            "b_dec": randn(D_IN) * 0.3, **extra}


write_saelens_v5("topk", {"activation_fn_str": "topk", "activation_fn_kwargs": {"k": K}, "apply_b_dec_to_input": True,
                          "finetuning_scaling_factor": False}, saelens_params())
write_saelens_v5("finetuned", {"activation_fn": "relu", "activation_fn_kwargs": {}, "apply_b_dec_to_input": False,
                               "finetuning_scaling_factor": True},
                 saelens_params(finetuning_scaling_factor=0.5 + torch.rand(D_SAE, generator=gen)))

flat = {"x": x}
for name, (codes, recon) in reference.items():
    flat[name + ".codes"], flat[name + ".recon"] = codes.detach(), recon.detach()
write_safetensors(os.path.join(OUT, "reference.safetensors"), flat)
print("wrote", OUT)
