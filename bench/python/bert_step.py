"""Plain-PyTorch baseline for EncoderFineTuneBenchmark: the same post-LayerNorm BERT encoder
(exact GELU, no dropout), mean pooling to unit length, a 4-class cosine head with cross-entropy,
AdamW; same batch, sequence length (every token real) and thread count. Random weights.

Run: /usr/bin/python3 bench/python/bert_step.py --threads 2 --batch 16 --length 128
The last line is machine-read by the Java benchmark: "steps/s=<float>".
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
for name, default in [("threads", 2), ("batch", 16), ("length", 128), ("warmup", 3),
                      ("steps", 20), ("hidden", 384), ("layers", 6), ("heads", 12),
                      ("intermediate", 1536), ("vocab", 30522), ("matmul", 2048)]:
    p.add_argument("--" + name, type=int, default=default)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.set_num_interop_threads(1)
torch.manual_seed(1)
H, NH, D = a.hidden, a.heads, a.hidden // a.heads
CLASSES, SCALE = 4, 20.0


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(H, H) for _ in range(4))
        self.n1, self.n2 = nn.LayerNorm(H, eps=1e-12), nn.LayerNorm(H, eps=1e-12)
        self.f1, self.f2 = nn.Linear(H, a.intermediate), nn.Linear(a.intermediate, H)

    def forward(self, x, bias):
        b, t, _ = x.shape

        def heads(z):
            return z.view(b, t, NH, D).transpose(1, 2)

        q, k, v = heads(self.q(x)), heads(self.k(x)), heads(self.v(x))
        s = q @ k.transpose(2, 3) / math.sqrt(D) + bias
        ctx = (s.softmax(-1) @ v).transpose(1, 2).reshape(b, t, H)
        x = self.n1(self.o(ctx) + x)
        return self.n2(self.f2(F.gelu(self.f1(x))) + x)  # F.gelu is the exact (erf) GELU


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.word, self.pos, self.kind = (nn.Embedding(a.vocab, H), nn.Embedding(512, H),
                                          nn.Embedding(2, H))
        self.norm = nn.LayerNorm(H, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(a.layers))
        self.head = nn.Linear(H, CLASSES, bias=False)
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, std=0.02)

    def forward(self, ids, types, mask):
        pos = torch.arange(ids.shape[1])[None]
        x = self.norm(self.word(ids) + self.kind(types) + self.pos(pos))
        bias = ((1.0 - mask.float()) * -1e9)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, bias)
        w = mask.float()[:, :, None]
        mean = (x * w).sum(1) / w.sum(1).clamp_min(1e-9)
        pooled = mean / mean.norm(dim=1, keepdim=True).clamp_min(1e-12)
        return self.head(pooled) * SCALE


def matmul_rate(n, rounds=5):
    x, y = torch.randn(n, n), torch.randn(n, n)
    x @ y
    best = min(_timed(lambda: x @ y) for _ in range(rounds))
    return 2.0 * n ** 3 / best


def _timed(f):
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


model = Encoder()
opt = torch.optim.AdamW(model.parameters(), lr=2e-5, weight_decay=0.01)
ids = torch.randint(1000, a.vocab, (a.batch, a.length))
types = torch.zeros_like(ids)
mask = torch.ones_like(ids)
labels = torch.randint(0, CLASSES, (a.batch,))
peak = matmul_rate(a.matmul)
for step in range(a.warmup + a.steps):
    if step == a.warmup:
        start = time.perf_counter()
    opt.zero_grad(set_to_none=False)
    loss = F.cross_entropy(model(ids, types, mask), labels)
    loss.backward()
    opt.step()
    loss.item()
rate = a.steps / (time.perf_counter() - start)
tokens = a.batch * a.length
linear = 6.0 * a.layers * (4 * H * H + 2 * H * a.intermediate) * tokens
attention = 3 * a.layers * 2.0 * 2 * a.batch * NH * a.length ** 2 * D
flops = (linear + attention) * rate
print(f"plain PyTorch {torch.__version__}, {a.threads} threads: matMul {a.matmul} "
      f"{peak / 1e9:.1f} GFLOP/s; {rate * a.batch:.1f} examples/s = {rate * tokens:.0f} tokens/s; "
      f"{flops / 1e9:.1f} GFLOP/s, MFU {flops / peak:.2f}")
print(f"steps/s={rate:.4f}")
