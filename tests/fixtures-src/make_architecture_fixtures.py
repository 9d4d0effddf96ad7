#!/usr/bin/python3
"""Writes tests/SaeLab.Tests/Fixtures/architectures/<arch>_adam_steps.json: three Adam steps of each dictionary
architecture trained in the form of the toolkit its SaeLab file cites (and of relu in SAELens's form), from explicit initial weights and batches, so
that the C# steps can be compared with PyTorch's autograd step by step.

The losses are written out here from the references' code (read, not imported):
    topk, batchtopk   dictionary_learning trainers/top_k.py, trainers/batch_top_k.py: encode (x - b_dec) @ W_enc + b_enc,
                      ReLU, top k per row (top k*B over the batch); loss = (x - x_hat)^2 summed over d, mean over the
                      batch + auxk_alpha * the normalised AuxK loss (get_auxiliary_loss: the top d/2 dead ReLU'd
                      pre-activations decode, without b_dec, the detached residual x - x_hat; squared error over the
                      residual's spread about its batch mean); num_tokens_since_fired updated before it.
    matryoshka        dictionary_learning trainers/matryoshka_batch_top_k.py: BatchTopK codes; the loss is the mean over
                      the n prefix groups of group_weights[i] (1/n) times each prefix's per-vector squared error, plus
                      auxk_alpha * AuxK of the full reconstruction.
    jumprelu          SAELens saes/jumprelu_sae.py (JumpReLUTrainingSAE, with its Step and JumpReLU autograd functions
                      and the rectangle kernel): hidden_pre = (x - b_dec) @ W_enc + b_enc, threshold = exp(log_threshold);
                      loss = per-vector squared error (mean over the batch) + l0_coefficient * mean L0.
    gated             Rajamanoharan et al. 2024 eq. 9 / dictionary_learning trainers/gdm.py, with SAELens's decoder-norm
                      weighted gate penalty: pre = (x - b_dec) @ W_enc; per-vector squared error + l1 * mean over the
                      batch of sum_f ReLU(pi_gate) * |W_dec,f| + the per-vector squared error of ReLU(pi_gate) @
                      W_dec.detach() + b_dec.detach().
    relu              SAELens saes/standard_sae.py (StandardTrainingSAE) with apply_b_dec_to_input: ReLU((x - b_dec) @ W_enc
                      + b_enc); per-vector squared error + l1 * mean over the batch of sum_f z_f (SaeLab's relu with
                      --apply-b-dec-to-input true --mse-reduction sum).
A feature has "fired" when its code is non-zero (the script checks every kept code is positive, so this is the top-k
indices of the references). Rerun from the repository root (PyTorch 1.13, CPU):
    /usr/bin/python3 tests/fixtures-src/make_architecture_fixtures.py
"""
import json
import os

import torch

D, M, N, K, LR = 8, 16, 10, 2, 1e-3
AUX_ALPHA, DEAD_TOKENS, L0, GATE_L1, BANDWIDTH, THETA0, RELU_L1 = 0.5, 1, 0.02, 0.05, 0.5, 0.3, 0.05
BATCHES = [[3, 7, 0, 9], [1, 4, 8, 2], [6, 5]]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "SaeLab.Tests", "Fixtures", "architectures")


def rectangle(u):
    return ((u > -0.5) & (u < 0.5)).to(u)


class Step(torch.autograd.Function):  # SAELens jumprelu_sae.py
    @staticmethod
    def forward(ctx, x, threshold, bandwidth):
        ctx.save_for_backward(x, threshold)
        ctx.bandwidth = bandwidth
        return (x > threshold).to(x)

    @staticmethod
    def backward(ctx, grad_output):
        x, threshold = ctx.saved_tensors
        threshold_grad = torch.sum(-(1.0 / ctx.bandwidth) * rectangle((x - threshold) / ctx.bandwidth) * grad_output, dim=0)
        return 0.0 * grad_output, threshold_grad, None


class JumpReLU(torch.autograd.Function):  # SAELens jumprelu_sae.py
    @staticmethod
    def forward(ctx, x, threshold, bandwidth):
        ctx.save_for_backward(x, threshold)
        ctx.bandwidth = bandwidth
        return x * (x > threshold).to(x)

    @staticmethod
    def backward(ctx, grad_output):
        x, threshold = ctx.saved_tensors
        x_grad = (x > threshold).to(x) * grad_output
        threshold_grad = torch.sum(-(threshold / ctx.bandwidth) * rectangle((x - threshold) / ctx.bandwidth) * grad_output, dim=0)
        return x_grad, threshold_grad, None


def per_vector_squared_error(a, x):
    return (a - x).pow(2).sum(dim=-1).mean()


class AuxK:  # dictionary_learning get_auxiliary_loss, its dead-feature counts
    def __init__(self):
        self.since_fired = torch.zeros(M, dtype=torch.long)

    def loss(self, codes, post_relu, residual, w_dec):
        fired = (codes != 0).any(dim=0)
        self.since_fired += codes.shape[0]
        self.since_fired[fired] = 0
        dead = self.since_fired >= DEAD_TOKENS
        if not dead.any():
            return torch.tensor(0.0)
        k_aux = min(D // 2, int(dead.sum()))
        candidates = torch.where(dead[None], post_relu, -torch.inf)
        acts, indices = candidates.topk(k_aux, sorted=False)
        aux_codes = torch.zeros_like(post_relu).scatter(-1, indices, acts)
        l2 = (residual - aux_codes @ w_dec).pow(2).sum(dim=-1).mean()
        return l2 / (residual - residual.mean(dim=0, keepdim=True)).pow(2).sum(dim=-1).mean()


def keep_top_k(values, k):
    top = values.topk(k, dim=-1)
    assert (top.values > 0).all(), "every kept code must be positive"
    return torch.zeros_like(values).scatter(-1, top.indices, top.values)


def topk_family(selection, prefix_sizes=None):
    aux = AuxK()

    def loss(p, x):
        post_relu = torch.relu((x - p["b_dec"]) @ p["w_enc"] + p["b_enc"])
        codes = keep_top_k(post_relu, K) if selection == "row" else keep_top_k(post_relu.flatten(), K * x.shape[0]).reshape(post_relu.shape)
        if prefix_sizes is None:
            x_hat = codes @ p["w_dec"] + p["b_dec"]
            reconstruction = per_vector_squared_error(x_hat, x)
        else:
            n = len(prefix_sizes)
            terms = [per_vector_squared_error(codes[:, :size] @ p["w_dec"][:size] + p["b_dec"], x) / n for size in prefix_sizes]
            reconstruction = torch.stack(terms).mean()
            x_hat = codes @ p["w_dec"] + p["b_dec"]
        sparsity = AUX_ALPHA * aux.loss(codes, post_relu, (x - x_hat).detach(), p["w_dec"])
        return reconstruction, sparsity, codes

    return loss


def jumprelu(p, x):
    pre = (x - p["b_dec"]) @ p["w_enc"] + p["b_enc"]
    threshold = torch.exp(p["log_threshold"])
    codes = JumpReLU.apply(pre, threshold, BANDWIDTH)
    reconstruction = per_vector_squared_error(codes @ p["w_dec"] + p["b_dec"], x)
    sparsity = (L0 * Step.apply(pre, threshold, BANDWIDTH).sum(dim=-1)).mean()
    return reconstruction, sparsity, codes


def relu(p, x):
    codes = torch.relu((x - p["b_dec"]) @ p["w_enc"] + p["b_enc"])
    reconstruction = per_vector_squared_error(codes @ p["w_dec"] + p["b_dec"], x)
    return reconstruction, RELU_L1 * codes.sum(dim=-1).mean(), codes


def gated(p, x):
    pre = (x - p["b_dec"]) @ p["w_enc"]
    pi_gate = pre + p["b_gate"]
    gates = torch.relu(pi_gate)
    codes = (pi_gate > 0).to(x) * torch.relu(pre * torch.exp(p["r_mag"]) + p["b_mag"])
    reconstruction = per_vector_squared_error(codes @ p["w_dec"] + p["b_dec"], x)
    penalty = GATE_L1 * (gates * p["w_dec"].norm(dim=1)).sum(dim=-1).mean()
    auxiliary = per_vector_squared_error(gates @ p["w_dec"].detach() + p["b_dec"].detach(), x)
    return reconstruction, penalty + auxiliary, codes


def initial_parameters(own):
    w_dec = torch.randn(M, D)
    w_dec /= w_dec.norm(dim=1, keepdim=True)
    params = {"w_enc": w_dec.t().clone(), "w_dec": w_dec, "b_dec": 0.5 * torch.randn(D)}
    for name, size, scale, offset in own:
        params[name] = scale * torch.randn(size) + offset
    return params


def write(name, loss_fn, own, config):
    torch.manual_seed(4321)
    params = {key: value.requires_grad_() for key, value in initial_parameters(own).items()}
    x = torch.randn(N, D) + 2.0  # a shared mean, so b_dec's encoder gradient matters
    initial = {key: value.detach().reshape(-1).tolist() for key, value in params.items()}
    opt = torch.optim.Adam(params.values(), lr=LR)
    steps = []
    for rows in BATCHES:
        reconstruction, sparsity, codes = loss_fn(params, x[rows])
        loss = reconstruction + sparsity
        opt.zero_grad()
        loss.backward()
        opt.step()
        steps.append({"loss": loss.item(), "reconstruction": reconstruction.item(), "sparsity": sparsity.item(),
                      "active_codes": int((codes != 0).sum()),
                      "parameters": {key: value.detach().reshape(-1).tolist() for key, value in params.items()}})
    fixture = {"torch_version": torch.__version__, "architecture": name, "d_in": D, "d_sae": M, "learning_rate": LR,
               "config": config, "parameter_order": list(params.keys()), "x": x.reshape(-1).tolist(), "batches": BATCHES,
               "initial": initial, "steps": steps}
    with open(os.path.join(OUT, f"{name}_adam_steps.json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    topk_config = {"k": K, "aux_k_coefficient": AUX_ALPHA, "dead_tokens": DEAD_TOKENS}
    b_enc = [("b_enc", M, 0.1, 0.0)]
    write("topk", topk_family("row"), b_enc, topk_config)
    write("batchtopk", topk_family("batch"), b_enc, topk_config)
    write("matryoshka", topk_family("batch", prefix_sizes=[4, 8, 16]), b_enc, {**topk_config, "matryoshka_widths": [4, 8]})
    theta0 = torch.log(torch.tensor(THETA0)).item()
    write("jumprelu", jumprelu, [("b_enc", M, 0.1, 0.0), ("log_threshold", M, 0.0, theta0)],
          {"l1": L0, "bandwidth": BANDWIDTH, "initial_threshold": THETA0})
    write("relu", relu, b_enc, {"l1": RELU_L1, "apply_b_dec_to_input": True, "mse_reduction": "sum"})
    write("gated", gated, [("b_gate", M, 0.1, 0.0), ("b_mag", M, 0.1, 0.0), ("r_mag", M, 0.1, 0.0)], {"l1": GATE_L1})


if __name__ == "__main__":
    main()
