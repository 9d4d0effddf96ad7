"""Writes tests/SaeLab.Tests/Fixtures/training/relu_sae_adam_steps.json: three Adam steps of the seed's ReLU SAE
(reference_pipeline.py's SAE, loss and optimiser) on a tiny problem, from explicit initial weights and batches,
so the C# trainer can be compared with PyTorch step by step. PyTorch's RNG cannot be reproduced in C#, so the
initial weights and the batch order are written out rather than re-drawn.

Also writes relu_sae_decoder_norm_l1_adam_steps.json: the same steps with each code's L1 penalty weighted by the L2
norm of its decoder row (Anthropic's April 2024 update; SAELens' scale_sparsity_penalty_by_decoder_norm).

Rerun from the repository root (PyTorch 1.13, CPU):
    /usr/bin/python3 tests/fixtures-src/make_training_fixtures.py
"""
import json
import os

import torch
import torch.nn as nn

D, M, N, L1, LR = 8, 16, 10, 0.05, 1e-3
BATCHES = [[3, 7, 0, 9], [1, 4, 8, 2], [6, 5]]  # batch size 4, the last one partial, as the seed's loop leaves it

OUT = os.path.join(os.path.dirname(__file__), "..", "SaeLab.Tests", "Fixtures", "training")


class SAE(nn.Module):  # reference_pipeline.py's SAE
    def __init__(self, d, m):
        super().__init__()
        self.encoder, self.decoder = nn.Linear(d, m), nn.Linear(m, d)
        self.decoder.weight.data = self.encoder.weight.data.t().clone()

    def forward(self, x):
        z = torch.relu(self.encoder(x))
        return self.decoder(z), z


def saelens(sae):
    """Parameters in SaeLab's (SAELens') layout: W_enc [d, m], b_enc, W_dec [m, d], b_dec; flat row-major lists."""
    return {
        "w_enc": sae.encoder.weight.detach().t().reshape(-1).tolist(),
        "b_enc": sae.encoder.bias.detach().reshape(-1).tolist(),
        "w_dec": sae.decoder.weight.detach().t().reshape(-1).tolist(),
        "b_dec": sae.decoder.bias.detach().reshape(-1).tolist(),
    }


def grads(sae):
    return {
        "w_enc": sae.encoder.weight.grad.t().reshape(-1).tolist(),
        "b_enc": sae.encoder.bias.grad.reshape(-1).tolist(),
        "w_dec": sae.decoder.weight.grad.t().reshape(-1).tolist(),
        "b_dec": sae.decoder.bias.grad.reshape(-1).tolist(),
    }


def write(name, weight_l1_by_decoder_norm):
    torch.manual_seed(1234)
    sae = SAE(D, M)
    x = torch.randn(N, D)
    initial = saelens(sae)
    opt = torch.optim.Adam(sae.parameters(), lr=LR)
    steps = []
    for rows in BATCHES:
        xb = x[rows]
        xr, z = sae(xb)
        mse = nn.functional.mse_loss(xr, xb)
        if weight_l1_by_decoder_norm:
            # decoder.weight is [d, m]: feature f's decoder row is its column f.
            sparsity = L1 * (z.abs() * sae.decoder.weight.norm(dim=0)).sum(1).mean()
        else:
            sparsity = L1 * z.abs().sum(1).mean()
        loss = mse + sparsity
        opt.zero_grad()
        loss.backward()
        step = {"loss": loss.item(), "reconstruction": mse.item(), "sparsity": sparsity.item(),
                "active_codes": int((z > 0).sum()), "gradients": grads(sae)}
        opt.step()
        step["parameters"] = saelens(sae)
        steps.append(step)
    fixture = {"torch_version": torch.__version__, "d_in": D, "d_sae": M, "l1": L1, "learning_rate": LR,
               "x": x.reshape(-1).tolist(), "batches": BATCHES, "initial": initial, "steps": steps}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")


def main():
    write("relu_sae_adam_steps.json", weight_l1_by_decoder_norm=False)
    write("relu_sae_decoder_norm_l1_adam_steps.json", weight_l1_by_decoder_norm=True)


if __name__ == "__main__":
    main()
