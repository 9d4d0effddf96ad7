#!/usr/bin/python3
"""Makes the SAE checkpoint fixtures of tests/SaeLab.Tests/Fixtures/checkpoints/ and their reference outputs.

Rerun from the repository root with the Debian interpreter (torch 1.13):

    /usr/bin/python3 tests/fixtures-src/make_checkpoint_fixtures.py

It writes small SAEs (d_in 6, d_sae 10) in the layouts researchers already have, loads each back the way its own
library does, and encodes and decodes a fixed input with the library's classes, copied below from their sources:

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
from typing import Optional

import torch
import torch as t
import torch.nn as nn
import torch.nn.init as init

from safetensors_writer import write_safetensors

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "SaeLab.Tests", "Fixtures", "checkpoints")
D_IN, D_SAE, N, K = 6, 10, 8, 3


# ---- GusSand/CoT_Exploration src/experiments/sae_pilot/2_train_sae.py (commit 45111621), verbatim -----------------

class SparseAutoencoder(nn.Module):
    """Simple sparse autoencoder for continuous thought interpretation."""

    def __init__(self, input_dim: int = 2048, n_features: int = 512):
        super().__init__()

        self.input_dim = input_dim
        self.n_features = n_features

        # Encoder: input_dim -> n_features
        self.encoder = nn.Linear(input_dim, n_features, bias=True)

        # Decoder: n_features -> input_dim
        self.decoder = nn.Linear(n_features, input_dim, bias=True)

        # Initialize decoder as transpose of encoder (tied weights help)
        self.decoder.weight.data = self.encoder.weight.data.t().clone()

    def encode(self, x):
        """Encode input to sparse features."""
        return torch.relu(self.encoder(x))  # ReLU for non-negative sparse codes

    def decode(self, z):
        """Decode sparse features back to input space."""
        return self.decoder(z)

    def forward(self, x):
        """Forward pass: encode then decode."""
        z = self.encode(x)
        x_recon = self.decode(z)
        return x_recon, z


# ---- saprmarks/dictionary_learning ---------------------------------------------------------------------------------
# Inference parts only (constructor, encode, decode, forward, from_pretrained); training helpers such as ghost mode,
# scale_biases and the trainers' loss code are left out.

# trainers/trainer.py
@t.no_grad()
def set_decoder_norm_to_unit_norm(W_dec_DF: t.nn.Parameter, activation_dim: int, d_sae: int) -> t.Tensor:
    """There's a major footgun here: we use this with both nn.Parameter and nn.Linear.weight"""
    D, F = W_dec_DF.shape

    assert D == activation_dim
    assert F == d_sae

    eps = t.finfo(W_dec_DF.dtype).eps
    norm = t.norm(W_dec_DF.data, dim=0, keepdim=True)
    W_dec_DF.data /= norm + eps
    return W_dec_DF.data


class Dictionary(nn.Module):
    """dictionary.py's abstract base, without the abstract methods."""


# dictionary_learning/dictionary.py (commit a711efe3)
class AutoEncoder(Dictionary, nn.Module):
    """
    A one-layer autoencoder.
    """

    def __init__(self, activation_dim, dict_size):
        super().__init__()
        self.activation_dim = activation_dim
        self.dict_size = dict_size
        self.bias = nn.Parameter(t.zeros(activation_dim))
        self.encoder = nn.Linear(activation_dim, dict_size, bias=True)
        self.decoder = nn.Linear(dict_size, activation_dim, bias=False)

        # initialize encoder and decoder weights
        w = t.randn(activation_dim, dict_size)
        ## normalize columns of w
        w = w / w.norm(dim=0, keepdim=True) * 0.1
        ## set encoder and decoder weights
        self.encoder.weight = nn.Parameter(w.clone().T)
        self.decoder.weight = nn.Parameter(w.clone())

    def encode(self, x):
        return nn.ReLU()(self.encoder(x - self.bias))

    def decode(self, f):
        return self.decoder(f) + self.bias

    def forward(self, x, output_features=False):
        f = self.encode(x)
        x_hat = self.decode(f)
        if output_features:
            return x_hat, f
        else:
            return x_hat

    def normalize_decoder(self):
        norms = t.norm(self.decoder.weight, dim=0).to(dtype=self.decoder.weight.dtype, device=self.decoder.weight.device)

        if t.allclose(norms, t.ones_like(norms)):
            return
        print("Normalizing decoder weights")

        test_input = t.randn(10, self.activation_dim)
        initial_output = self(test_input)

        self.decoder.weight.data /= norms

        new_norms = t.norm(self.decoder.weight, dim=0)
        assert t.allclose(new_norms, t.ones_like(new_norms))

        self.encoder.weight.data *= norms[:, None]
        self.encoder.bias.data *= norms

        new_output = self(test_input)

        # Errors can be relatively large in larger SAEs due to floating point precision
        assert t.allclose(initial_output, new_output, atol=1e-4)

    @classmethod
    def from_pretrained(cls, path, dtype=t.float, device=None, normalize_decoder=True):
        """
        Load a pretrained autoencoder from a file.
        """
        state_dict = t.load(path)
        dict_size, activation_dim = state_dict["encoder.weight"].shape
        autoencoder = cls(activation_dim, dict_size)
        autoencoder.load_state_dict(state_dict)

        # This is useful for doing analysis where e.g. feature activation magnitudes are important
        # If training the SAE using the April update, the decoder weights are not normalized
        if normalize_decoder:
            autoencoder.normalize_decoder()

        if device is not None:
            autoencoder.to(dtype=dtype, device=device)

        return autoencoder


# dictionary_learning/dictionary.py (commit a711efe3)
class GatedAutoEncoder(Dictionary, nn.Module):
    """
    An autoencoder with separate gating and magnitude networks.
    """

    def __init__(self, activation_dim, dict_size, initialization="default", device=None):
        super().__init__()
        self.activation_dim = activation_dim
        self.dict_size = dict_size
        self.decoder_bias = nn.Parameter(t.empty(activation_dim, device=device))
        self.encoder = nn.Linear(activation_dim, dict_size, bias=False, device=device)
        self.r_mag = nn.Parameter(t.empty(dict_size, device=device))
        self.gate_bias = nn.Parameter(t.empty(dict_size, device=device))
        self.mag_bias = nn.Parameter(t.empty(dict_size, device=device))
        self.decoder = nn.Linear(dict_size, activation_dim, bias=False, device=device)
        if initialization == "default":
            self._reset_parameters()
        else:
            initialization(self)

    def _reset_parameters(self):
        """
        Default method for initializing GatedSAE weights.
        """
        # biases are initialized to zero
        init.zeros_(self.decoder_bias)
        init.zeros_(self.r_mag)
        init.zeros_(self.gate_bias)
        init.zeros_(self.mag_bias)

        # decoder weights are initialized to random unit vectors
        dec_weight = t.randn_like(self.decoder.weight)
        dec_weight = dec_weight / dec_weight.norm(dim=0, keepdim=True)
        self.decoder.weight = nn.Parameter(dec_weight)
        self.encoder.weight = nn.Parameter(dec_weight.clone().T)

    def encode(self, x: t.Tensor, return_gate: bool = False, normalize_decoder: bool = False):
        """
        Returns features, gate value (pre-Heavyside)
        """
        x_enc = self.encoder(x - self.decoder_bias)

        # gating network
        pi_gate = x_enc + self.gate_bias
        f_gate = (pi_gate > 0).to(self.encoder.weight.dtype)

        # magnitude network
        pi_mag = self.r_mag.exp() * x_enc + self.mag_bias
        f_mag = nn.ReLU()(pi_mag)

        f = f_gate * f_mag

        if normalize_decoder:
            # If the SAE is trained without ConstrainedAdam, the decoder vectors are not normalized
            # Normalizing after encode, and renormalizing before decode to enable comparability
            f = f * self.decoder.weight.norm(dim=0, keepdim=True)

        if return_gate:
            return f, nn.ReLU()(pi_gate)

        return f

    def decode(self, f: t.Tensor, normalize_decoder: bool = False):
        if normalize_decoder:
            # If the SAE is trained without ConstrainedAdam, the decoder vectors are not normalized
            # Normalizing after encode, and renormalizing before decode to enable comparability
            f = f / self.decoder.weight.norm(dim=0, keepdim=True)
        return self.decoder(f) + self.decoder_bias

    def forward(self, x: t.Tensor, output_features: bool = False, normalize_decoder: bool = False):
        f = self.encode(x)
        x_hat = self.decode(f)

        if normalize_decoder:
            f = f * self.decoder.weight.norm(dim=0, keepdim=True)

        if output_features:
            return x_hat, f
        else:
            return x_hat

    def from_pretrained(path, device=None):
        """
        Load a pretrained autoencoder from a file.
        """
        state_dict = t.load(path)
        dict_size, activation_dim = state_dict["encoder.weight"].shape
        autoencoder = GatedAutoEncoder(activation_dim, dict_size)
        autoencoder.load_state_dict(state_dict)
        if device is not None:
            autoencoder.to(device)
        return autoencoder


# dictionary_learning/dictionary.py (commit a711efe3); from_pretrained without its SAELens branch
class JumpReluAutoEncoder(Dictionary, nn.Module):
    """
    An autoencoder with jump ReLUs.
    """

    def __init__(self, activation_dim, dict_size, device="cpu"):
        super().__init__()
        self.activation_dim = activation_dim
        self.dict_size = dict_size
        self.W_enc = nn.Parameter(t.empty(activation_dim, dict_size, device=device))
        self.b_enc = nn.Parameter(t.zeros(dict_size, device=device))
        self.W_dec = nn.Parameter(
            t.nn.init.kaiming_uniform_(t.empty(dict_size, activation_dim, device=device))
        )
        self.b_dec = nn.Parameter(t.zeros(activation_dim, device=device))
        self.threshold = nn.Parameter(t.ones(dict_size, device=device) * 0.001)  # Appendix I

        self.apply_b_dec_to_input = False

        self.W_dec.data = self.W_dec / self.W_dec.norm(dim=1, keepdim=True)
        self.W_enc.data = self.W_dec.data.clone().T

    def encode(self, x, output_pre_jump=False):
        if self.apply_b_dec_to_input:
            x = x - self.b_dec
        pre_jump = x @ self.W_enc + self.b_enc

        f = nn.ReLU()(pre_jump * (pre_jump > self.threshold))

        if output_pre_jump:
            return f, pre_jump
        else:
            return f

    def decode(self, f):
        return f @ self.W_dec + self.b_dec

    def forward(self, x, output_features=False):
        f = self.encode(x)
        x_hat = self.decode(f)
        if output_features:
            return x_hat, f
        else:
            return x_hat

    @classmethod
    def from_pretrained(cls, path: str | None = None, dtype: t.dtype = t.float32, device: t.device | None = None):
        state_dict = t.load(path)
        activation_dim, dict_size = state_dict["W_enc"].shape
        autoencoder = JumpReluAutoEncoder(activation_dim, dict_size)
        autoencoder.load_state_dict(state_dict)
        autoencoder = autoencoder.to(dtype=dtype, device=device)
        if device is not None:
            device = autoencoder.W_enc.device
        return autoencoder.to(dtype=dtype, device=device)


# dictionary_learning/trainers/top_k.py (commit 0ff88883)
class AutoEncoderTopK(Dictionary, nn.Module):
    """
    The top-k autoencoder architecture and initialization used in https://arxiv.org/abs/2406.04093
    """

    def __init__(self, activation_dim: int, dict_size: int, k: int):
        super().__init__()
        self.activation_dim = activation_dim
        self.dict_size = dict_size

        assert isinstance(k, int) and k > 0, f"k={k} must be a positive integer"
        self.register_buffer("k", t.tensor(k, dtype=t.int))
        self.register_buffer("threshold", t.tensor(-1.0, dtype=t.float32))

        self.decoder = nn.Linear(dict_size, activation_dim, bias=False)
        self.decoder.weight.data = set_decoder_norm_to_unit_norm(
            self.decoder.weight, activation_dim, dict_size
        )

        self.encoder = nn.Linear(activation_dim, dict_size)
        self.encoder.weight.data = self.decoder.weight.T.clone()
        self.encoder.bias.data.zero_()

        self.b_dec = nn.Parameter(t.zeros(activation_dim))

    def encode(self, x: t.Tensor, return_topk: bool = False, use_threshold: bool = False):
        post_relu_feat_acts_BF = nn.functional.relu(self.encoder(x - self.b_dec))

        if use_threshold:
            encoded_acts_BF = post_relu_feat_acts_BF * (post_relu_feat_acts_BF > self.threshold)
            if return_topk:
                post_topk = post_relu_feat_acts_BF.topk(self.k, sorted=False, dim=-1)
                return encoded_acts_BF, post_topk.values, post_topk.indices, post_relu_feat_acts_BF
            else:
                return encoded_acts_BF

        post_topk = post_relu_feat_acts_BF.topk(self.k, sorted=False, dim=-1)

        # We can't split immediately due to nnsight
        tops_acts_BK = post_topk.values
        top_indices_BK = post_topk.indices

        buffer_BF = t.zeros_like(post_relu_feat_acts_BF)
        encoded_acts_BF = buffer_BF.scatter_(dim=-1, index=top_indices_BK, src=tops_acts_BK)

        if return_topk:
            return encoded_acts_BF, tops_acts_BK, top_indices_BK, post_relu_feat_acts_BF
        else:
            return encoded_acts_BF

    def decode(self, x: t.Tensor) -> t.Tensor:
        return self.decoder(x) + self.b_dec

    def forward(self, x: t.Tensor, output_features: bool = False):
        encoded_acts_BF = self.encode(x)
        x_hat_BD = self.decode(encoded_acts_BF)
        if not output_features:
            return x_hat_BD
        else:
            return x_hat_BD, encoded_acts_BF

    def from_pretrained(path, k: Optional[int] = None, device=None):
        """
        Load a pretrained autoencoder from a file.
        """
        state_dict = t.load(path)
        dict_size, activation_dim = state_dict["encoder.weight"].shape

        if k is None:
            k = state_dict["k"].item()
        elif "k" in state_dict and k != state_dict["k"].item():
            raise ValueError(f"k={k} != {state_dict['k'].item()}=state_dict['k']")

        autoencoder = AutoEncoderTopK(activation_dim, dict_size, k)
        autoencoder.load_state_dict(state_dict)
        if device is not None:
            autoencoder.to(device)
        return autoencoder


# trainers/batch_top_k.py (commit 17aa5d52)
class BatchTopKSAE(Dictionary, nn.Module):
    def __init__(self, activation_dim: int, dict_size: int, k: int):
        super().__init__()
        self.activation_dim = activation_dim
        self.dict_size = dict_size

        assert isinstance(k, int) and k > 0, f"k={k} must be a positive integer"
        self.register_buffer("k", t.tensor(k, dtype=t.int))
        self.register_buffer("threshold", t.tensor(-1.0, dtype=t.float32))

        self.decoder = nn.Linear(dict_size, activation_dim, bias=False)
        self.decoder.weight.data = set_decoder_norm_to_unit_norm(
            self.decoder.weight, activation_dim, dict_size
        )

        self.encoder = nn.Linear(activation_dim, dict_size)
        self.encoder.weight.data = self.decoder.weight.T.clone()
        self.encoder.bias.data.zero_()
        self.b_dec = nn.Parameter(t.zeros(activation_dim))

    def encode(self, x: t.Tensor, return_active: bool = False, use_threshold: bool = True):
        post_relu_feat_acts_BF = nn.functional.relu(self.encoder(x - self.b_dec))

        if use_threshold:
            encoded_acts_BF = post_relu_feat_acts_BF * (post_relu_feat_acts_BF > self.threshold)
            if return_active:
                return encoded_acts_BF, encoded_acts_BF.sum(0) > 0
            else:
                return encoded_acts_BF

        # Flatten and perform batch top-k
        flattened_acts = post_relu_feat_acts_BF.flatten()
        post_topk = flattened_acts.topk(self.k * x.size(0), sorted=False, dim=-1)

        buffer_BF = t.zeros_like(post_relu_feat_acts_BF)
        encoded_acts_BF = (
            buffer_BF.flatten()
            .scatter(-1, post_topk.indices, post_topk.values)
            .reshape(buffer_BF.shape)
        )

        if return_active:
            return encoded_acts_BF, encoded_acts_BF.sum(0) > 0
        else:
            return encoded_acts_BF

    def decode(self, x: t.Tensor) -> t.Tensor:
        return self.decoder(x) + self.b_dec

    def forward(self, x: t.Tensor, output_features: bool = False):
        encoded_acts_BF = self.encode(x)
        x_hat_BD = self.decode(encoded_acts_BF)

        if not output_features:
            return x_hat_BD
        else:
            return x_hat_BD, encoded_acts_BF

    @classmethod
    def from_pretrained(cls, path, k=None, device=None, **kwargs) -> "BatchTopKSAE":
        state_dict = t.load(path)
        dict_size, activation_dim = state_dict["encoder.weight"].shape
        if k is None:
            k = state_dict["k"].item()
        elif "k" in state_dict and k != state_dict["k"].item():
            raise ValueError(f"k={k} != {state_dict['k'].item()}=state_dict['k']")

        autoencoder = cls(activation_dim, dict_size, k)
        autoencoder.load_state_dict(state_dict)
        if device is not None:
            autoencoder.to(device)
        return autoencoder


# dictionary_learning/trainers/matryoshka_batch_top_k.py (commit 5ebe376d)
class MatryoshkaBatchTopKSAE(Dictionary, nn.Module):
    def __init__(
        self, activation_dim: int, dict_size: int, k: int, group_sizes: list[int]
    ):
        super().__init__()
        self.activation_dim = activation_dim
        self.dict_size = dict_size

        assert sum(group_sizes) == dict_size, "group sizes must sum to dict_size"
        assert all(s > 0 for s in group_sizes), "all group sizes must be positive"

        assert isinstance(k, int) and k > 0, f"k={k} must be a positive integer"
        self.register_buffer("k", t.tensor(k, dtype=t.int))
        self.register_buffer("threshold", t.tensor(-1.0, dtype=t.float32))

        self.active_groups = len(group_sizes)
        group_indices = [0] + list(t.cumsum(t.tensor(group_sizes), dim=0))
        self.group_indices = group_indices

        self.register_buffer("group_sizes", t.tensor(group_sizes))

        self.W_enc = nn.Parameter(t.empty(activation_dim, dict_size))
        self.b_enc = nn.Parameter(t.zeros(dict_size))
        self.W_dec = nn.Parameter(
            t.nn.init.kaiming_uniform_(t.empty(dict_size, activation_dim))
        )
        self.b_dec = nn.Parameter(t.zeros(activation_dim))

        # We must transpose because we are using nn.Parameter, not nn.Linear
        self.W_dec.data = set_decoder_norm_to_unit_norm(
            self.W_dec.data.T, activation_dim, dict_size
        ).T
        self.W_enc.data = self.W_dec.data.clone().T

    def encode(
        self, x: t.Tensor, return_active: bool = False, use_threshold: bool = True
    ):
        post_relu_feat_acts_BF = nn.functional.relu(
            (x - self.b_dec) @ self.W_enc + self.b_enc
        )

        if use_threshold:
            encoded_acts_BF = post_relu_feat_acts_BF * (
                post_relu_feat_acts_BF > self.threshold
            )
        else:
            # Flatten and perform batch top-k
            flattened_acts = post_relu_feat_acts_BF.flatten()
            post_topk = flattened_acts.topk(self.k * x.size(0), sorted=False, dim=-1)

            encoded_acts_BF = (
                t.zeros_like(post_relu_feat_acts_BF.flatten())
                .scatter_(-1, post_topk.indices, post_topk.values)
                .reshape(post_relu_feat_acts_BF.shape)
            )

        max_act_index = self.group_indices[self.active_groups]
        encoded_acts_BF[:, max_act_index:] = 0

        if return_active:
            return encoded_acts_BF, encoded_acts_BF.sum(0) > 0, post_relu_feat_acts_BF
        else:
            return encoded_acts_BF

    def decode(self, x: t.Tensor) -> t.Tensor:
        return x @ self.W_dec + self.b_dec

    def forward(self, x: t.Tensor, output_features: bool = False):
        encoded_acts_BF = self.encode(x)
        x_hat_BD = self.decode(encoded_acts_BF)

        if not output_features:
            return x_hat_BD
        else:
            return x_hat_BD, encoded_acts_BF

    @classmethod
    def from_pretrained(
        cls, path, k=None, device=None, **kwargs
    ) -> "MatryoshkaBatchTopKSAE":
        state_dict = t.load(path)
        activation_dim, dict_size = state_dict["W_enc"].shape
        if k is None:
            k = state_dict["k"].item()
        elif "k" in state_dict and k != state_dict["k"].item():
            raise ValueError(f"k={k} != {state_dict['k'].item()}=state_dict['k']")

        group_sizes = state_dict["group_sizes"].tolist()

        autoencoder = cls(activation_dim, dict_size, k=k, group_sizes=group_sizes)
        autoencoder.load_state_dict(state_dict)
        if device is not None:
            autoencoder.to(device)
        return autoencoder


# ---- jbloomAus/SAELens sae_lens/sae.py (commit 01f67311, the 4.x/5.x SAE class) --------------------------------------
# The standard encoder and the decoder, without hooks, hook_z reshaping and run-time normalisation (these SAEs have
# normalize_activations "none"), and SAEConfig.from_dict's rename of the old key "activation_fn".

class TopK(nn.Module):
    def __init__(
        self, k: int, postact_fn=nn.ReLU()
    ):
        super().__init__()
        self.k = k
        self.postact_fn = postact_fn

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        topk = torch.topk(x, k=self.k, dim=-1)
        values = self.postact_fn(topk.values)
        result = torch.zeros_like(x)
        result.scatter_(-1, topk.indices, values)
        return result


def get_activation_fn(activation_fn: str, **kwargs):
    if activation_fn == "relu":
        return torch.nn.ReLU()
    elif activation_fn == "topk":
        assert "k" in kwargs, "TopK activation function requires a k value."
        k = kwargs.get("k", 1)  # Default k to 1 if not provided
        postact_fn = kwargs.get(
            "postact_fn", nn.ReLU()
        )  # Default post-activation to ReLU if not provided

        return TopK(k, postact_fn)
    else:
        raise ValueError(f"Unknown activation function: {activation_fn}")


class SAELensStandardSAE:
    def __init__(self, cfg, params):
        cfg = {{"activation_fn": "activation_fn_str"}.get(k, k): v for k, v in cfg.items()}
        self.cfg, self.p = cfg, params
        self.activation_fn = get_activation_fn(cfg["activation_fn_str"], **cfg.get("activation_fn_kwargs") or {})
        if cfg["finetuning_scaling_factor"]:
            self.apply_finetuning_scaling_factor = lambda x: x * self.p["finetuning_scaling_factor"]
        else:
            self.apply_finetuning_scaling_factor = lambda x: x

    def encode_standard(self, x):
        sae_in = x - (self.p["b_dec"] * self.cfg["apply_b_dec_to_input"])
        hidden_pre = sae_in @ self.p["W_enc"] + self.p["b_enc"]
        return self.activation_fn(hidden_pre)

    def decode(self, feature_acts):
        return self.apply_finetuning_scaling_factor(feature_acts) @ self.p["W_dec"] + self.p["b_dec"]


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
    sae = SparseAutoencoder(input_dim=D_IN, n_features=D_SAE)
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
    path = os.path.join(folder(name), "sae_weights.pt")
    torch.save({
        'model_state_dict': state_dict,
        'config': {
            'input_dim': sae.input_dim,
            'n_features': sae.n_features,
            'l1_coefficient': 0.01
        },
        'training_info': {
            'n_epochs': 20,
            'batch_size': 256,
            'learning_rate': 3e-4,
            'final_recon_loss': 0.0123,
            'final_l0_sparsity': 4.75
        }
    }, path)
    return path


seed_path = write_seed("seed")
checkpoint = torch.load(seed_path)
seed = SparseAutoencoder(checkpoint['config']['input_dim'], checkpoint['config']['n_features'])
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
    t.save({k: v.cpu() for k, v in state_dict.items()} if plain_dict else state_dict, os.path.join(path, "ae.pt"))
    with open(os.path.join(path, "config.json"), "w") as f:
        json.dump({"trainer": config, "buffer": BUFFER}, f, indent=4)
    loaded = load(os.path.join(path, "ae.pt"))
    with torch.no_grad():
        codes = loaded.encode(x)
        recon = loaded.decode(codes)
        assert torch.allclose(loaded(x), recon)
    reference["dictionary_learning/" + kind] = (codes, recon)


def unit_columns(w):
    return w / w.norm(dim=0, keepdim=True)


torch.manual_seed(2)
ae = AutoEncoder(D_IN, D_SAE)
with torch.no_grad():
    # Trained without a unit-norm constraint (the April-update trainer), so from_pretrained normalises the decoder.
    ae.encoder.weight.copy_(randn(D_SAE, D_IN))
    ae.encoder.bias.copy_(randn(D_SAE) * 0.3)
    ae.decoder.weight.copy_(randn(D_IN, D_SAE) * (0.5 + 1.5 * torch.rand(D_SAE, generator=gen)))
    ae.bias.copy_(randn(D_IN) * 0.3)
write_dictionary_learning("standard", ae, trainer_config("StandardTrainerAprilUpdate", "AutoEncoder", l1_penalty=0.1,
                                                          warmup_steps=100, sparsity_warmup_steps=200, decay_start=None),
                          AutoEncoder.from_pretrained)

torch.manual_seed(3)
ae = AutoEncoderTopK(D_IN, D_SAE, K)
with torch.no_grad():
    ae.encoder.weight.copy_(randn(D_SAE, D_IN))
    ae.encoder.bias.copy_(randn(D_SAE) * 0.3)
    ae.decoder.weight.copy_(unit_columns(randn(D_IN, D_SAE)))
    ae.b_dec.copy_(randn(D_IN) * 0.3)
    ae.threshold.fill_(0.2)
write_dictionary_learning("topk", ae, trainer_config("TopKTrainer", "AutoEncoderTopK", k=K, auxk_alpha=1 / 32,
                                                     warmup_steps=100, decay_start=None, threshold_beta=0.999,
                                                     threshold_start_step=100),
                          AutoEncoderTopK.from_pretrained)

torch.manual_seed(4)
ae = BatchTopKSAE(D_IN, D_SAE, K)
with torch.no_grad():
    ae.encoder.weight.copy_(randn(D_SAE, D_IN))
    ae.encoder.bias.copy_(randn(D_SAE) * 0.3)
    ae.decoder.weight.copy_(unit_columns(randn(D_IN, D_SAE)))
    ae.b_dec.copy_(randn(D_IN) * 0.3)
    ae.threshold.fill_(0.9)
write_dictionary_learning("batchtopk", ae, trainer_config("BatchTopKTrainer", "BatchTopKSAE", k=K, auxk_alpha=1 / 32,
                                                          warmup_steps=100, decay_start=None, threshold_beta=0.999,
                                                          threshold_start_step=100, top_k_aux=D_IN // 2),
                          BatchTopKSAE.from_pretrained)

torch.manual_seed(5)
group_sizes = [2, 3, 5]
ae = MatryoshkaBatchTopKSAE(D_IN, D_SAE, K, group_sizes)
with torch.no_grad():
    ae.W_enc.copy_(randn(D_IN, D_SAE))
    ae.b_enc.copy_(randn(D_SAE) * 0.3)
    ae.W_dec.copy_(unit_columns(randn(D_IN, D_SAE)).T)
    ae.b_dec.copy_(randn(D_IN) * 0.3)
    ae.threshold.fill_(0.7)
write_dictionary_learning("matryoshka", ae, trainer_config(
    "MatryoshkaBatchTopKTrainer", "MatryoshkaBatchTopKSAE", k=K, group_fractions=[0.2, 0.3, 0.5],
    group_weights=[1 / 3] * 3, group_sizes=group_sizes, auxk_alpha=1 / 32, warmup_steps=100, decay_start=None,
    threshold_beta=0.999, threshold_start_step=100, top_k_aux=D_IN // 2), MatryoshkaBatchTopKSAE.from_pretrained)

torch.manual_seed(6)
ae = JumpReluAutoEncoder(D_IN, D_SAE)
with torch.no_grad():
    ae.W_enc.copy_(randn(D_IN, D_SAE))
    ae.b_enc.copy_(randn(D_SAE) * 0.3)
    ae.W_dec.copy_(unit_columns(randn(D_IN, D_SAE)).T)
    ae.b_dec.copy_(randn(D_IN) * 0.3)
    ae.threshold.copy_(torch.rand(D_SAE, generator=gen) * 1.2)
write_dictionary_learning("jumprelu", ae, trainer_config("JumpReluTrainer", "JumpReluAutoEncoder", bandwidth=0.001,
                                                         sparsity_penalty=1.0, sparsity_warmup_steps=200, target_l0=3.0),
                          JumpReluAutoEncoder.from_pretrained)

torch.manual_seed(7)
ae = GatedAutoEncoder(D_IN, D_SAE)
with torch.no_grad():
    ae.encoder.weight.copy_(randn(D_SAE, D_IN))
    ae.decoder.weight.copy_(unit_columns(randn(D_IN, D_SAE)))
    ae.decoder_bias.copy_(randn(D_IN) * 0.3)
    ae.r_mag.copy_(randn(D_SAE) * 0.3)
    ae.gate_bias.copy_(randn(D_SAE) * 0.3)
    ae.mag_bias.copy_(randn(D_SAE) * 0.3)
write_dictionary_learning("gated", ae, trainer_config("GatedSAETrainer", "GatedAutoEncoder", l1_penalty=0.1,
                                                      warmup_steps=100),
                          GatedAutoEncoder.from_pretrained, plain_dict=False)


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
    sae = SAELensStandardSAE(cfg, params)
    codes = sae.encode_standard(x)
    reference["saelens_v5/" + name] = (codes, sae.decode(codes))


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
