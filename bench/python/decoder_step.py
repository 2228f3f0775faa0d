"""Plain-PyTorch baseline for a decoder-LM training step: a Llama-shaped model (RMSNorm,
rotary embedding on the two halves of head_dim, grouped-query attention, SwiGLU MLP, untied
lm_head, no biases, no dropout), causal-LM cross-entropy, AdamW. Random weights and tokens.

Run: /usr/bin/python3 bench/python/decoder_step.py --threads 2
     (defaults: hidden 512, 6 layers, 8 heads, 4 kv heads, intermediate 1408, vocab 8192,
      seq 256, batch 4: 26.1M parameters, 21.9M of them in matmuls)

Prints ONE line of JSON on stdout with the configuration, parameter counts, seconds per step
(the mean, and each timed step's: on a shared machine a neighbour slows some steps several-fold),
tokens/s, achieved model FLOP/s and, measured in the same process and thread setting, the
rate of an n x n float32 matmul (FLOPs = 2 n^3, best of 5).

Model FLOPs per step (the PaLM-paper convention, fwd + bwd, recomputation not counted):
    6 * N_matmul * tokens  +  12 * layers * seq * heads * head_dim * tokens
where tokens = batch * seq and N_matmul counts every weight used in a matmul (attention
q/k/v/o, MLP gate/up/down, lm_head; not the embedding lookup nor the norm weights). The
second term is QK^T and PV (2 matmuls * 2 FLOPs * seq * heads * head_dim per token forward,
x3 for fwd+bwd), counted over the full seq x seq square although half of it is masked.
mfu = model FLOP/s / matmul FLOP/s.
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
for name, default in [("threads", 2), ("batch", 4), ("seq", 256), ("warmup", 1), ("steps", 3),
                      ("hidden", 512), ("layers", 6), ("heads", 8), ("kv_heads", 4),
                      ("intermediate", 1408), ("vocab", 8192), ("matmul", 2048), ("seed", 1)]:
    p.add_argument("--" + name.replace("_", "-"), dest=name, type=int, default=default)
p.add_argument("--rope-theta", dest="rope_theta", type=float, default=10000.0)
a = p.parse_args()
assert a.hidden % a.heads == 0 and a.heads % a.kv_heads == 0
torch.set_num_threads(a.threads)
torch.set_num_interop_threads(1)
torch.manual_seed(a.seed)
H, NH, KV, D = a.hidden, a.heads, a.kv_heads, a.hidden // a.heads
REP = NH // KV
HAS_SDPA = hasattr(F, "scaled_dot_product_attention")  # torch >= 2.0


class RMSNorm(nn.Module):
    def __init__(self, n, eps=1e-6):
        super().__init__()
        self.weight, self.eps = nn.Parameter(torch.ones(n)), eps

    def forward(self, x):
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


def rotate_half(x):
    return torch.cat((-x[..., D // 2:], x[..., :D // 2]), dim=-1)


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q = nn.Linear(H, NH * D, bias=False)
        self.k = nn.Linear(H, KV * D, bias=False)
        self.v = nn.Linear(H, KV * D, bias=False)
        self.o = nn.Linear(NH * D, H, bias=False)
        self.gate = nn.Linear(H, a.intermediate, bias=False)
        self.up = nn.Linear(H, a.intermediate, bias=False)
        self.down = nn.Linear(a.intermediate, H, bias=False)
        self.n1, self.n2 = RMSNorm(H), RMSNorm(H)

    def forward(self, x, cos, sin, mask):
        b, t, _ = x.shape
        y = self.n1(x)
        q = self.q(y).view(b, t, NH, D).transpose(1, 2)
        k = self.k(y).view(b, t, KV, D).transpose(1, 2)
        v = self.v(y).view(b, t, KV, D).transpose(1, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        k = k[:, :, None].expand(b, KV, REP, t, D).reshape(b, NH, t, D)
        v = v[:, :, None].expand(b, KV, REP, t, D).reshape(b, NH, t, D)
        if HAS_SDPA:
            ctx = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            s = q @ k.transpose(2, 3) / math.sqrt(D) + mask
            ctx = s.softmax(-1) @ v
        x = x + self.o(ctx.transpose(1, 2).reshape(b, t, NH * D))
        y = self.n2(x)
        return x + self.down(F.silu(self.gate(y)) * self.up(y))


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(a.vocab, H)
        self.layers = nn.ModuleList(Layer() for _ in range(a.layers))
        self.norm = RMSNorm(H)
        self.head = nn.Linear(H, a.vocab, bias=False)
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, std=0.02)
        inv = 1.0 / (a.rope_theta ** (torch.arange(0, D, 2).float() / D))
        ang = torch.outer(torch.arange(a.seq).float(), inv)
        ang = torch.cat((ang, ang), dim=-1)
        self.register_buffer("cos", ang.cos(), persistent=False)
        self.register_buffer("sin", ang.sin(), persistent=False)
        causal = torch.full((a.seq, a.seq), float("-inf")).triu(1)
        self.register_buffer("mask", causal, persistent=False)

    def forward(self, ids):
        t = ids.shape[1]
        x = self.embed(ids)
        cos, sin, mask = self.cos[:t], self.sin[:t], self.mask[:t, :t]
        for layer in self.layers:
            x = layer(x, cos, sin, mask)
        return self.head(self.norm(x))


def _timed(f):
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def matmul_rate(n, rounds=5):
    x, y = torch.randn(n, n), torch.randn(n, n)
    x @ y
    best = min(_timed(lambda: x @ y) for _ in range(rounds))
    return 2.0 * n ** 3 / best


model = Decoder()
params = sum(p.numel() for p in model.parameters())
matmul_params = sum(m.weight.numel() for m in model.modules() if isinstance(m, nn.Linear))
opt = torch.optim.AdamW(model.parameters(), lr=1e-4, betas=(0.9, 0.95), weight_decay=0.0)
ids = torch.randint(0, a.vocab, (a.batch, a.seq))
peak = matmul_rate(a.matmul)
losses = []
step_seconds = []
for step in range(a.warmup + a.steps):
    if step == a.warmup:
        start = time.perf_counter()
    step_start = time.perf_counter()
    opt.zero_grad(set_to_none=True)
    logits = model(ids)
    loss = F.cross_entropy(logits[:, :-1].reshape(-1, a.vocab), ids[:, 1:].reshape(-1))
    loss.backward()
    opt.step()
    losses.append(loss.item())
    if step >= a.warmup:
        step_seconds.append(time.perf_counter() - step_start)
seconds = (time.perf_counter() - start) / a.steps
tokens = a.batch * a.seq
flops_per_step = 6.0 * matmul_params * tokens + 12.0 * a.layers * a.seq * NH * D * tokens
print(json.dumps({
    "torch": torch.__version__,
    "threads": a.threads,
    "config": {k: getattr(a, k) for k in ("batch", "seq", "hidden", "layers", "heads", "kv_heads",
                                          "intermediate", "vocab")},
    "attention": "sdpa" if HAS_SDPA else "naive",
    "parameters": params,
    "matmul_parameters": matmul_params,
    "warmup_steps": a.warmup,
    "timed_steps": a.steps,
    "seconds_per_step": seconds,
    "step_seconds": step_seconds,
    "tokens_per_s": tokens / seconds,
    "model_flops_per_step": flops_per_step,
    "model_flops_per_s": flops_per_step / seconds,
    "matmul_n": a.matmul,
    "matmul_flops_per_s": peak,
    "mfu": flops_per_step / seconds / peak,
    "first_loss": losses[0],
    "last_loss": losses[-1],
    "flops_formula": "6*matmul_parameters*tokens + 12*layers*seq*heads*head_dim*tokens, tokens=batch*seq",
}))
