#!/usr/bin/python3
"""Tiny random decoder-LM checkpoints in Hugging Face layout, with reference outputs.

What it makes
-------------
Under the output folder (normally ``neural/src/test/resources/decoder``) it writes
four model folders, each loadable the way a Hugging Face hub folder is:

* ``gpt2/``          model_type "gpt2", hub-style names WITHOUT the ``transformer.`` prefix,
                     Conv1D weights stored [in, out], the causal-mask buffers ``h.N.attn.bias``
                     ([1, 1, n_positions, n_positions], float32 lower-triangular ones) that a
                     loader must ignore, lm_head tied to ``wte`` (no ``lm_head.weight``).
* ``llama/``         model_type "llama", grouped-query attention (4 heads, 2 kv heads),
                     llama3 rope scaling, untied ``lm_head.weight``.
* ``llama-linear/``  the same weights as ``llama/`` but rope_scaling {"rope_type":"linear",
                     "factor":2.0}; reference logits / padded / greedy only (no train step).
* ``llama-bf16/``    the ``llama/`` weights stored as bfloat16 (as most published checkpoints
                     are); references computed with them widened to float32; no train step.
* ``qwen2/``         model_type "qwen2", 4 heads / 1 kv head, biases on q/k/v only, tied
                     embeddings, weights SHARDED in two files + ``model.safetensors.index.json``.

Each folder holds ``config.json``, ``model.safetensors`` (or the shards), ``tokenizer.json``
(a WordLevel tokenizer with exactly vocab_size tokens), ``tokenizer_config.json`` (with a
ChatML chat template), ``generation_config.json`` and ``reference.json``; the folders with a
train step also hold ``grads.safetensors`` and ``after_step.safetensors``.

``reference.json`` fields (all floats are float32 values written in their shortest
round-tripping decimal form):

* ``input_ids`` [2, 10] and ``logits`` [2, 10, vocab]: full causal forward, no padding,
  positions 0..9.
* ``padded``: ``input_ids`` [2, 10], ``attention_mask`` [2, 10] (row 1 has zeros on its last 3
  positions, i.e. right padding), ``logits`` [2, 10, vocab]. Positions where the mask is 0
  are UNSPECIFIED: compare only positions with mask 1. Position ids are 0..9 for both rows.
* ``greedy``: ``prompt_ids`` [1, 5], ``new_token_ids`` [12] (argmax at every step, no EOS
  stop, computed without any cache by re-running the whole sequence each step) and
  ``min_margin`` (smallest top1-top2 logit gap seen, so a consumer knows how robust it is);
  the prompt is the first of several random ones whose continuation has >= 6 distinct tokens.
* ``train_step`` (not in llama-linear): labels = input_ids; loss = mean cross entropy of
  logits[:, :-1] against ids[:, 1:] over all 2*9 positions; ``loss``; then ONE
  torch.optim.AdamW(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0) step;
  ``loss_after`` is the same loss re-evaluated with the updated parameters.
  ``grads.safetensors`` holds the gradient of every trainable parameter and
  ``after_step.safetensors`` the parameters after the step, under the same names as the
  model file (a tied embedding appears once, under its embedding name; buffers such as
  gpt2's ``h.N.attn.bias`` are not parameters and are not in these two files).

The maths is re-implemented here in plain PyTorch (torch 1.13, no transformers) after
reading transformers' modeling_gpt2 / modeling_llama / modeling_qwen2 / modeling_rope_utils.
Self-checks (asserts) compare the main implementation against independent naive routes.
The safetensors format is written by hand (no safetensors package is installed).

How to rerun
------------
    /usr/bin/python3 neural/src/test/python/decoder_fixtures.py neural/src/test/resources/decoder

(use Debian's /usr/bin/python3, which has torch; the pyenv ``python3`` does not). The
output is deterministic (torch.manual_seed, single thread, float32 everywhere).
"""

import copy
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)

VOCAB = 96
SEQ = 10
GREEDY_PROMPT = 5
GREEDY_NEW = 12

# --------------------------------------------------------------------------------------
# safetensors writer / reader (format: u64 LE header length, JSON header, raw LE data)
# --------------------------------------------------------------------------------------

_DTYPES = {torch.float32: ("F32", np.float32), torch.int64: ("I64", np.int64)}


def tensor_bytes(t):
    return t.numel() * t.element_size()


def write_safetensors(path, tensors, metadata=None):
    """tensors: dict name -> tensor (float32 or int64). Data laid out in name order."""
    header = {}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous().cpu()
        if t.dtype == torch.bfloat16:
            # numpy has no bfloat16: write the 16-bit patterns as they are.
            code, raw = "BF16", t.view(torch.int16).numpy().astype("<i2").tobytes()
        else:
            code, npdt = _DTYPES[t.dtype]
            raw = t.numpy().astype(np.dtype(npdt).newbyteorder("<"), copy=False).tobytes()
        header[name] = {"dtype": code, "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    if metadata is not None:
        header = {"__metadata__": metadata, **header}
    hjson = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hjson += b" " * ((8 - len(hjson) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hjson)))
        f.write(hjson)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    """Independent reader used to check what we wrote."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    assert n % 8 == 0
    header = json.loads(data[8:8 + n].decode("utf-8"))
    out = {}
    base = 8 + n
    end = 0
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        end = max(end, b)
        npdt = {"F32": "<f4", "I64": "<i8"}[info["dtype"]]
        arr = np.frombuffer(data[base + a:base + b], dtype=npdt).reshape(info["shape"])
        out[name] = torch.from_numpy(arr.copy())
    assert base + end == len(data), "trailing bytes in " + path
    return out


# --------------------------------------------------------------------------------------
# JSON helpers: float32 values in shortest round-trip decimal
# --------------------------------------------------------------------------------------

def f32list(t):
    arr = t.detach().cpu().to(torch.float32).numpy()
    def rec(a):
        if a.ndim == 0:
            return float(str(np.float32(a)))
        return [rec(x) for x in a]
    return rec(arr)


def f32(x):
    return float(str(np.float32(x)))


def write_json(path, obj, indent=2):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=indent, ensure_ascii=False)
        f.write("\n")


# --------------------------------------------------------------------------------------
# Shared building blocks
# --------------------------------------------------------------------------------------

NEG = torch.finfo(torch.float32).min


def additive_mask(attention_mask, T):
    """[B, 1, T, T] additive mask: causal AND key-padding; 0 where allowed, finfo.min where not."""
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
    allowed = causal[None, None, :, :]
    if attention_mask is not None:
        allowed = allowed & attention_mask.bool()[:, None, None, :]
    m = torch.zeros(allowed.shape, dtype=torch.float32)
    return m.masked_fill(~allowed, NEG)


def softmax_attention(q, k, v, mask):
    """q [B,H,T,D], k/v [B,H,T,D]; scale 1/sqrt(D); softmax in float32."""
    d = q.shape[-1]
    scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d)
    scores = scores + mask
    probs = torch.softmax(scores.float(), dim=-1).to(q.dtype)
    return torch.matmul(probs, v)


def naive_attention(q, k, v, kv_index, attention_mask):
    """Independent route: loops over batch / head / query, explicit causal and padding
    masks, explicit exp-normalise; head h reads kv head kv_index(h)."""
    B, H, T, D = q.shape
    out = torch.zeros(B, H, T, D, dtype=torch.float64)
    q = q.double(); k = k.double(); v = v.double()
    for b in range(B):
        for h in range(H):
            kh = kv_index(h)
            for i in range(T):
                keys = [j for j in range(i + 1)
                        if attention_mask is None or attention_mask[b, j] != 0]
                if not keys:
                    continue
                s = torch.stack([(q[b, h, i] * k[b, kh, j]).sum() / math.sqrt(D) for j in keys])
                w = torch.exp(s - s.max())
                w = w / w.sum()
                out[b, h, i] = sum(w[n] * v[b, kh, j] for n, j in enumerate(keys))
    return out.float()


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def rms_norm(x, weight, eps):
    xf = x.float()
    var = xf.pow(2).mean(-1, keepdim=True)
    return weight * (xf * torch.rsqrt(var + eps)).to(x.dtype)


def causal_lm_loss(logits, ids):
    return F.cross_entropy(logits[:, :-1, :].reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1))


# --------------------------------------------------------------------------------------
# GPT-2
# --------------------------------------------------------------------------------------

class GPT2:
    def __init__(self, cfg, params):
        self.cfg = cfg
        self.p = params  # dict name -> tensor (parameters only; no buffers)

    def names(self):
        return list(self.p.keys())

    @staticmethod
    def init(cfg, gen):
        E, V, P, L = cfg["n_embd"], cfg["vocab_size"], cfg["n_positions"], cfg["n_layer"]
        inner = cfg["n_inner"] or 4 * E
        def rnd(*shape, std):
            return torch.randn(*shape, generator=gen) * std
        p = {"wte.weight": rnd(V, E, std=0.2), "wpe.weight": rnd(P, E, std=0.2)}
        for i in range(L):
            h = f"h.{i}."
            p[h + "ln_1.weight"] = 1.0 + rnd(E, std=0.1)
            p[h + "ln_1.bias"] = rnd(E, std=0.1)
            p[h + "attn.c_attn.weight"] = rnd(E, 3 * E, std=0.25)   # Conv1D: [in, out]
            p[h + "attn.c_attn.bias"] = rnd(3 * E, std=0.1)
            p[h + "attn.c_proj.weight"] = rnd(E, E, std=0.2)
            p[h + "attn.c_proj.bias"] = rnd(E, std=0.1)
            p[h + "ln_2.weight"] = 1.0 + rnd(E, std=0.1)
            p[h + "ln_2.bias"] = rnd(E, std=0.1)
            p[h + "mlp.c_fc.weight"] = rnd(E, inner, std=0.2)
            p[h + "mlp.c_fc.bias"] = rnd(inner, std=0.1)
            p[h + "mlp.c_proj.weight"] = rnd(inner, E, std=0.15)
            p[h + "mlp.c_proj.bias"] = rnd(E, std=0.1)
        p["ln_f.weight"] = 1.0 + rnd(E, std=0.1)
        p["ln_f.bias"] = rnd(E, std=0.1)
        return GPT2(cfg, p)

    def buffers(self):
        P = self.cfg["n_positions"]
        tril = torch.tril(torch.ones(P, P, dtype=torch.float32)).view(1, 1, P, P)
        return {f"h.{i}.attn.bias": tril.clone() for i in range(self.cfg["n_layer"])}

    def forward(self, ids, attention_mask=None, check=False):
        cfg, p = self.cfg, self.p
        E, H, eps = cfg["n_embd"], cfg["n_head"], cfg["layer_norm_epsilon"]
        D = E // H
        B, T = ids.shape
        pos = torch.arange(T)
        x = p["wte.weight"][ids] + p["wpe.weight"][pos][None]
        mask = additive_mask(attention_mask, T)
        for i in range(cfg["n_layer"]):
            h = f"h.{i}."
            a = F.layer_norm(x, (E,), p[h + "ln_1.weight"], p[h + "ln_1.bias"], eps)
            qkv = torch.matmul(a, p[h + "attn.c_attn.weight"]) + p[h + "attn.c_attn.bias"]  # Conv1D
            q, k, v = qkv.split(E, dim=-1)
            if check:
                W, b = p[h + "attn.c_attn.weight"], p[h + "attn.c_attn.bias"]
                for n, t in enumerate((q, k, v)):
                    manual = torch.einsum("bte,eo->bto", a, W[:, n * E:(n + 1) * E]) + b[n * E:(n + 1) * E]
                    assert torch.allclose(t, manual, atol=1e-5), "gpt2 Conv1D split"
            def heads(t):
                return t.view(B, T, H, D).transpose(1, 2)
            qh, kh, vh = heads(q), heads(k), heads(v)
            o = softmax_attention(qh, kh, vh, mask)
            if check:
                ref = naive_attention(qh, kh, vh, lambda hh: hh, attention_mask)
                valid = torch.ones(B, T, dtype=torch.bool) if attention_mask is None else attention_mask.bool()
                diff = (o - ref).abs().amax(dim=(1, 3))  # [B, T]
                assert diff[valid].max() < 1e-5, "gpt2 attention vs naive"
            o = o.transpose(1, 2).reshape(B, T, E)
            o = torch.matmul(o, p[h + "attn.c_proj.weight"]) + p[h + "attn.c_proj.bias"]
            x = x + o
            m = F.layer_norm(x, (E,), p[h + "ln_2.weight"], p[h + "ln_2.bias"], eps)
            m = gelu_new(torch.matmul(m, p[h + "mlp.c_fc.weight"]) + p[h + "mlp.c_fc.bias"])
            m = torch.matmul(m, p[h + "mlp.c_proj.weight"]) + p[h + "mlp.c_proj.bias"]
            x = x + m
        x = F.layer_norm(x, (E,), p["ln_f.weight"], p["ln_f.bias"], eps)
        return torch.matmul(x, p["wte.weight"].t())  # tied lm_head


# --------------------------------------------------------------------------------------
# Llama / Qwen2 (same decoder; Qwen2 adds q/k/v biases)
# --------------------------------------------------------------------------------------

def rope_inv_freq(cfg):
    """inv_freq = 1/theta^(arange(0,d,2)/d), then optional rope_scaling (linear, llama3)."""
    d = cfg["head_dim"]
    inv = 1.0 / (cfg["rope_theta"] ** (torch.arange(0, d, 2, dtype=torch.int64).float() / d))
    rs = cfg.get("rope_scaling")
    if not rs:
        return inv
    kind = rs.get("rope_type", rs.get("type"))
    if kind == "linear":
        # transformers divides inv_freq by factor == dividing positions by factor
        return inv / rs["factor"]
    if kind == "llama3":
        factor, lo, hi = rs["factor"], rs["low_freq_factor"], rs["high_freq_factor"]
        old = rs["original_max_position_embeddings"]
        lo_wavelen, hi_wavelen = old / lo, old / hi
        wavelen = 2 * math.pi / inv
        out = inv.clone()
        for j in range(inv.numel()):
            w = wavelen[j].item()
            if w < hi_wavelen:            # high frequency: unchanged
                out[j] = inv[j]
            elif w > lo_wavelen:          # low frequency: divided by factor
                out[j] = inv[j] / factor
            else:                         # in between: smooth interpolation
                s = (old / wavelen[j] - lo) / (hi - lo)
                out[j] = (1 - s) * inv[j] / factor + s * inv[j]
        return out
    raise ValueError(kind)


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def rope_cos_sin(cfg, T):
    inv = rope_inv_freq(cfg)
    pos = torch.arange(T, dtype=torch.float32)
    freqs = torch.outer(pos, inv)                 # [T, d/2]
    emb = torch.cat((freqs, freqs), dim=-1)       # [T, d]  (halves, not interleaved)
    return emb.cos(), emb.sin()


class Llama:
    def __init__(self, cfg, params, qkv_bias):
        self.cfg = cfg
        self.p = params
        self.qkv_bias = qkv_bias

    @staticmethod
    def init(cfg, gen, qkv_bias):
        E, V, I, L = cfg["hidden_size"], cfg["vocab_size"], cfg["intermediate_size"], cfg["num_hidden_layers"]
        H, KV, D = cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["head_dim"]
        def rnd(*shape, std):
            return torch.randn(*shape, generator=gen) * std
        # a tied embedding is also the output head: keep it small so tokens do not just predict themselves
        p = {"model.embed_tokens.weight": rnd(V, E, std=0.25 if cfg["tie_word_embeddings"] else 1.0)}
        for i in range(L):
            h = f"model.layers.{i}."
            p[h + "input_layernorm.weight"] = 1.0 + rnd(E, std=0.1)
            p[h + "self_attn.q_proj.weight"] = rnd(H * D, E, std=0.3)     # nn.Linear: [out, in]
            p[h + "self_attn.k_proj.weight"] = rnd(KV * D, E, std=0.3)
            p[h + "self_attn.v_proj.weight"] = rnd(KV * D, E, std=0.3)
            if qkv_bias:
                p[h + "self_attn.q_proj.bias"] = rnd(H * D, std=0.2)
                p[h + "self_attn.k_proj.bias"] = rnd(KV * D, std=0.2)
                p[h + "self_attn.v_proj.bias"] = rnd(KV * D, std=0.2)
            p[h + "self_attn.o_proj.weight"] = rnd(E, H * D, std=0.2)
            p[h + "post_attention_layernorm.weight"] = 1.0 + rnd(E, std=0.1)
            p[h + "mlp.gate_proj.weight"] = rnd(I, E, std=0.2)
            p[h + "mlp.up_proj.weight"] = rnd(I, E, std=0.2)
            p[h + "mlp.down_proj.weight"] = rnd(E, I, std=0.15)
        p["model.norm.weight"] = 1.0 + rnd(E, std=0.1)
        if not cfg["tie_word_embeddings"]:
            p["lm_head.weight"] = rnd(V, E, std=0.3)
        return Llama(cfg, p, qkv_bias)

    def forward(self, ids, attention_mask=None, check=False):
        cfg, p = self.cfg, self.p
        E, H, KV, D = cfg["hidden_size"], cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["head_dim"]
        eps = cfg["rms_norm_eps"]
        rep = H // KV
        B, T = ids.shape
        x = p["model.embed_tokens.weight"][ids]
        cos, sin = rope_cos_sin(cfg, T)
        mask = additive_mask(attention_mask, T)
        for i in range(cfg["num_hidden_layers"]):
            h = f"model.layers.{i}."
            a = rms_norm(x, p[h + "input_layernorm.weight"], eps)
            def lin(name, t):
                y = torch.matmul(t, p[h + name + ".weight"].t())
                if (h + name + ".bias") in p:
                    y = y + p[h + name + ".bias"]
                return y
            q = lin("self_attn.q_proj", a).view(B, T, H, D).transpose(1, 2)
            k = lin("self_attn.k_proj", a).view(B, T, KV, D).transpose(1, 2)
            v = lin("self_attn.v_proj", a).view(B, T, KV, D).transpose(1, 2)
            qr = q * cos + rotate_half(q) * sin
            kr = k * cos + rotate_half(k) * sin
            if check:
                # RoPE as a complex rotation of pairs (j, j + D/2) by angle pos * inv_freq[j]
                inv = rope_inv_freq(cfg)
                ang = torch.arange(T, dtype=torch.float64)[:, None] * inv.double()[None, :]
                for src, dst in ((q, qr), (k, kr)):
                    z = torch.complex(src[..., :D // 2].double(), src[..., D // 2:].double())
                    z = z * torch.polar(torch.ones_like(ang), ang)
                    alt = torch.cat((z.real, z.imag), dim=-1).float()
                    assert torch.allclose(alt, dst, atol=1e-5), "rope vs complex rotation"
            # GQA: query head j reads kv head j // rep (repeat_kv: expand then reshape)
            kx = kr[:, :, None].expand(B, KV, rep, T, D).reshape(B, H, T, D)
            vx = v[:, :, None].expand(B, KV, rep, T, D).reshape(B, H, T, D)
            if check:
                assert torch.equal(kx, torch.repeat_interleave(kr, rep, dim=1)), "repeat_kv"
            o = softmax_attention(qr, kx, vx, mask)
            if check:
                ref = naive_attention(qr, kr, v, lambda hh: hh // rep, attention_mask)
                valid = torch.ones(B, T, dtype=torch.bool) if attention_mask is None else attention_mask.bool()
                diff = (o - ref).abs().amax(dim=(1, 3))
                assert diff[valid].max() < 1e-5, "llama attention vs naive GQA"
            o = o.transpose(1, 2).reshape(B, T, H * D)
            x = x + torch.matmul(o, p[h + "self_attn.o_proj.weight"].t())
            m = rms_norm(x, p[h + "post_attention_layernorm.weight"], eps)
            g = torch.matmul(m, p[h + "mlp.gate_proj.weight"].t())
            u = torch.matmul(m, p[h + "mlp.up_proj.weight"].t())
            x = x + torch.matmul(F.silu(g) * u, p[h + "mlp.down_proj.weight"].t())
        x = rms_norm(x, p["model.norm.weight"], eps)
        head = p["model.embed_tokens.weight"] if cfg["tie_word_embeddings"] else p["lm_head.weight"]
        return torch.matmul(x, head.t())


# --------------------------------------------------------------------------------------
# Tokenizer files (shared by every folder)
# --------------------------------------------------------------------------------------

SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<unk>"]
WORDS = (
    "system user assistant you are a helpful model the of and to in is it that for on with as "
    "this was be by at from or an not but what all were when we there can who which one do if "
    "will up out about how many then them so some her would make like him into time has look "
    "two more write go see no could people my than first water been call its now find day "
    "hello world yes cat dog question answer"
).split()
PUNCT = [".", ",", "?", "!", ":", "'"]


def vocab_list():
    toks = SPECIALS + PUNCT + WORDS
    assert len(toks) == len(set(toks))
    assert len(toks) == VOCAB, len(toks)
    return toks


def tokenizer_json():
    toks = vocab_list()
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True}
            for i, t in enumerate(SPECIALS)
        ],
        "normalizer": None,
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": None,
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": {t: i for i, t in enumerate(toks)}, "unk_token": "<unk>"},
    }


CHAT_TEMPLATE = (
    "{%- for message in messages %}"
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}"
    "{{- '<|im_start|>assistant\\n' }}"
    "{%- endif %}"
)


def tokenizer_config(bos, eos, pad):
    toks = vocab_list()
    return {
        "added_tokens_decoder": {
            str(i): {"content": t, "lstrip": False, "normalized": False, "rstrip": False,
                     "single_word": False, "special": True}
            for i, t in enumerate(SPECIALS)
        },
        "bos_token": bos,
        "eos_token": eos,
        "pad_token": pad,
        "unk_token": "<unk>",
        "additional_special_tokens": ["<|im_start|>", "<|im_end|>"],
        "chat_template": CHAT_TEMPLATE,
        "clean_up_tokenization_spaces": False,
        "model_max_length": 64,
        "tokenizer_class": "PreTrainedTokenizerFast",
    }


# --------------------------------------------------------------------------------------
# Reference computation
# --------------------------------------------------------------------------------------

def token_batch(gen):
    # avoid the 4 specials so the ids look like ordinary text
    return torch.randint(4, VOCAB, (2, SEQ), generator=gen)


def greedy(model, prompt):
    seq = prompt.clone()
    new, margins = [], []
    for _ in range(GREEDY_NEW):
        with torch.no_grad():
            logits = model.forward(seq)[0, -1]
        top2 = torch.topk(logits, 2).values
        margins.append((top2[0] - top2[1]).item())
        nxt = int(torch.argmax(logits))
        new.append(nxt)
        seq = torch.cat([seq, torch.tensor([[nxt]])], dim=1)
    return new, min(margins)


def reference(model, gen, train=True):
    ids = token_batch(gen)
    with torch.no_grad():
        logits = model.forward(ids, check=True)
    ref = {"input_ids": ids.tolist(), "logits": f32list(logits)}

    pids = token_batch(gen)
    am = torch.ones(2, SEQ, dtype=torch.int64)
    am[1, SEQ - 3:] = 0
    pids[1, SEQ - 3:] = 0  # pad id 0 at masked positions
    with torch.no_grad():
        plog = model.forward(pids, attention_mask=am, check=True)
        # right padding: the unmasked prefix must equal an unpadded run of that prefix
        short = model.forward(pids[1:, :SEQ - 3])
    assert torch.allclose(plog[1, :SEQ - 3], short[0], atol=1e-5), "padded prefix"
    ref["padded"] = {
        "comment": "positions where attention_mask is 0 are unspecified; compare only mask==1 positions",
        "input_ids": pids.tolist(), "attention_mask": am.tolist(), "logits": f32list(plog)}

    # Random tiny models easily fall into a one-token loop, which makes a weak test; try a
    # few random prompts (deterministically) and keep the first whose continuation has at
    # least 6 distinct tokens and a comfortable top1-top2 margin at every step.
    best = None
    for _ in range(200):
        prompt = torch.randint(4, VOCAB, (1, GREEDY_PROMPT), generator=gen)
        new, margin = greedy(model, prompt)
        score = (len(set(new)) >= 6 and margin >= 0.02, len(set(new)), margin)
        if best is None or score > best[0]:
            best = (score, prompt, new, margin)
        if score[0]:
            break
    _, prompt, new, margin = best
    assert margin > 1e-3, f"greedy margin too small: {margin}"
    ref["greedy"] = {"prompt_ids": prompt.tolist(), "new_token_ids": new, "min_margin": f32(margin),
                     "comment": "argmax each step, no EOS stop, whole sequence recomputed each step"}

    out = {"reference": ref}
    if train:
        params = {n: t.clone().requires_grad_(True) for n, t in model.p.items()}
        trained = copy.copy(model)
        trained.p = params
        loss = causal_lm_loss(trained.forward(ids), ids)
        loss.backward()
        grads = {n: t.grad.detach().clone() for n, t in params.items()}
        opt = torch.optim.AdamW(list(params.values()), lr=1e-3, betas=(0.9, 0.999), eps=1e-8,
                                weight_decay=0.0)
        opt.step()
        after = {n: t.detach().clone() for n, t in params.items()}
        with torch.no_grad():
            loss_after = causal_lm_loss(trained.forward(ids), ids)
        assert loss_after < loss
        ref["train_step"] = {
            "labels": ids.tolist(),
            "loss": f32(loss.item()),
            "loss_after": f32(loss_after.item()),
            "optimizer": {"type": "AdamW", "lr": 1e-3, "betas": [0.9, 0.999], "eps": 1e-8,
                          "weight_decay": 0.0, "steps": 1},
            "comment": "loss = mean cross entropy of logits[:, :-1] vs input_ids[:, 1:] over all 2*9 "
                       "positions; grads.safetensors = gradients at the initial parameters; "
                       "after_step.safetensors = parameters after one AdamW step; loss_after = "
                       "loss re-evaluated with them",
        }
        out["grads"] = grads
        out["after"] = after
    return out


def write_common(folder, cfg, gen_cfg, tok_cfg):
    os.makedirs(folder, exist_ok=True)
    write_json(os.path.join(folder, "config.json"), cfg)
    write_json(os.path.join(folder, "generation_config.json"), gen_cfg)
    write_json(os.path.join(folder, "tokenizer_config.json"), tok_cfg)
    write_json(os.path.join(folder, "tokenizer.json"), tokenizer_json())


def write_reference(folder, res):
    write_json(os.path.join(folder, "reference.json"), res["reference"], indent=None)
    if "grads" in res:
        write_safetensors(os.path.join(folder, "grads.safetensors"), res["grads"], {"format": "pt"})
        write_safetensors(os.path.join(folder, "after_step.safetensors"), res["after"], {"format": "pt"})
        back = read_safetensors(os.path.join(folder, "grads.safetensors"))
        assert all(torch.equal(back[n], res["grads"][n]) for n in res["grads"])


def load_folder(folder):
    """Reads a folder's weights back the way a loader would (index.json if sharded)."""
    idx = os.path.join(folder, "model.safetensors.index.json")
    if os.path.exists(idx):
        with open(idx) as f:
            index = json.load(f)
        out = {}
        for shard in sorted(set(index["weight_map"].values())):
            part = read_safetensors(os.path.join(folder, shard))
            assert all(index["weight_map"][n] == shard for n in part)
            out.update(part)
        assert set(out) == set(index["weight_map"])
        assert index["metadata"]["total_size"] == sum(tensor_bytes(t) for t in out.values())
        return out
    return read_safetensors(os.path.join(folder, "model.safetensors"))


def check_roundtrip(folder, model, extra=()):
    """The weights on disk are bit-identical to those the references were computed from."""
    back = load_folder(folder)
    assert set(back) == set(model.p) | set(extra), sorted(set(back) ^ set(model.p))
    assert all(torch.equal(back[n], model.p[n]) for n in model.p)


def count(params):
    return sum(t.numel() for t in params.values())


# --------------------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------------------

def make_gpt2(out):
    cfg = {
        "activation_function": "gelu_new",
        "architectures": ["GPT2LMHeadModel"],
        "attn_pdrop": 0.1,
        "bos_token_id": 0,
        "embd_pdrop": 0.1,
        "eos_token_id": 0,
        "initializer_range": 0.02,
        "layer_norm_epsilon": 1e-05,
        "model_type": "gpt2",
        "n_ctx": 64,
        "n_embd": 32,
        "n_head": 4,
        "n_inner": None,
        "n_layer": 2,
        "n_positions": 64,
        "reorder_and_upcast_attn": False,
        "resid_pdrop": 0.1,
        "scale_attn_by_inverse_layer_idx": False,
        "scale_attn_weights": True,
        "tie_word_embeddings": True,
        "torch_dtype": "float32",
        "use_cache": True,
        "vocab_size": VOCAB,
    }
    torch.manual_seed(1234)
    gen = torch.Generator().manual_seed(1234)
    model = GPT2.init(cfg, gen)
    folder = os.path.join(out, "gpt2")
    write_common(folder, cfg,
                 {"bos_token_id": 0, "eos_token_id": 0, "max_new_tokens": 12, "do_sample": False},
                 tokenizer_config("<|endoftext|>", "<|endoftext|>", "<|endoftext|>"))
    tensors = dict(model.p)
    tensors.update(model.buffers())  # hub gpt2 files carry h.N.attn.bias; loaders must skip them
    write_safetensors(os.path.join(folder, "model.safetensors"), tensors, {"format": "pt"})
    check_roundtrip(folder, model, extra=model.buffers())
    write_reference(folder, reference(model, gen))
    return "gpt2", count(model.p)


def llama_cfg(rope_scaling):
    return {
        "architectures": ["LlamaForCausalLM"],
        "attention_bias": False,
        "attention_dropout": 0.0,
        "bos_token_id": 0,
        "eos_token_id": 2,
        "head_dim": 8,
        "hidden_act": "silu",
        "hidden_size": 32,
        "initializer_range": 0.02,
        "intermediate_size": 64,
        "max_position_embeddings": 128,
        "mlp_bias": False,
        "model_type": "llama",
        "num_attention_heads": 4,
        "num_hidden_layers": 2,
        "num_key_value_heads": 2,
        "pretraining_tp": 1,
        "rms_norm_eps": 1e-06,
        "rope_scaling": rope_scaling,
        "rope_theta": 10000.0,
        "tie_word_embeddings": False,
        "torch_dtype": "float32",
        "use_cache": True,
        "vocab_size": VOCAB,
    }


# head_dim 8, theta 1e4: inv_freq = [1, 0.1, 0.01, 0.001], wavelengths 2*pi/inv_freq =
# [6.28, 62.8, 628, 6283]. With original_max_position_embeddings = 100, low_freq_factor 1,
# high_freq_factor 4: high_freq_wavelen = 25, low_freq_wavelen = 100, so frequency 0 is
# kept, frequency 1 (62.8) is in the smoothed band (smooth factor (100/62.83 - 1)/3 = 0.197)
# and frequencies 2 and 3 are divided by 8 -- every branch of the llama3 rule is exercised.
# (The value 16 would leave no frequency unchanged: 6.28 > 16/4.) Checked by an assert below.
LLAMA3_SCALING = {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                  "high_freq_factor": 4.0, "original_max_position_embeddings": 100}


def check_llama3_branches(cfg):
    base = dict(cfg, rope_scaling=None)
    inv0, inv = rope_inv_freq(base), rope_inv_freq(cfg)
    ratio = (inv0 / inv).tolist()
    assert abs(ratio[0] - 1.0) < 1e-6, ratio            # unchanged
    assert 1.0 + 1e-3 < ratio[1] < 8.0 - 1e-3, ratio      # smoothed
    assert abs(ratio[2] - 8.0) < 1e-5 and abs(ratio[3] - 8.0) < 1e-5, ratio  # divided
    return ratio


def llama_tok_cfg():
    return tokenizer_config("<|endoftext|>", "<|im_end|>", "<|endoftext|>")


def make_llama(out):
    cfg = llama_cfg(LLAMA3_SCALING)
    ratio = check_llama3_branches(cfg)
    torch.manual_seed(2345)
    gen = torch.Generator().manual_seed(2345)
    model = Llama.init(cfg, gen, qkv_bias=False)
    gen_state = gen.get_state()
    folder = os.path.join(out, "llama")
    write_common(folder, cfg,
                 {"bos_token_id": 0, "eos_token_id": 2, "max_new_tokens": 12, "do_sample": False},
                 llama_tok_cfg())
    write_safetensors(os.path.join(folder, "model.safetensors"), model.p, {"format": "pt"})
    check_roundtrip(folder, model)
    res = reference(model, gen)
    res["reference"]["rope_inv_freq"] = f32list(rope_inv_freq(cfg))
    write_reference(folder, res)

    # llama-linear: same weights, same inputs, linear rope scaling
    cfg2 = llama_cfg({"rope_type": "linear", "factor": 2.0})
    model2 = Llama(cfg2, model.p, qkv_bias=False)
    gen.set_state(gen_state)
    folder2 = os.path.join(out, "llama-linear")
    write_common(folder2, cfg2,
                 {"bos_token_id": 0, "eos_token_id": 2, "max_new_tokens": 12, "do_sample": False},
                 llama_tok_cfg())
    write_safetensors(os.path.join(folder2, "model.safetensors"), model2.p, {"format": "pt"})
    check_roundtrip(folder2, model2)
    res2 = reference(model2, gen, train=False)
    res2["reference"]["rope_inv_freq"] = f32list(rope_inv_freq(cfg2))
    write_reference(folder2, res2)

    # llama-bf16: the llama weights stored as bfloat16, as most published checkpoints are; the
    # references use those weights widened back to float32 (what a float32 loader must see).
    rounded = {k: v.to(torch.bfloat16) for k, v in model.p.items()}
    model3 = Llama(cfg, {k: v.float() for k, v in rounded.items()}, qkv_bias=False)
    gen.set_state(gen_state)
    folder3 = os.path.join(out, "llama-bf16")
    write_common(folder3, cfg,
                 {"bos_token_id": 0, "eos_token_id": 2, "max_new_tokens": 12, "do_sample": False},
                 llama_tok_cfg())
    write_safetensors(os.path.join(folder3, "model.safetensors"), rounded, {"format": "pt"})
    res3 = reference(model3, gen, train=False)
    write_reference(folder3, res3)
    return [("llama", count(model.p)), ("llama-linear", count(model2.p)),
            ("llama-bf16", count(model3.p))], ratio


def make_qwen2(out):
    cfg = {
        "architectures": ["Qwen2ForCausalLM"],
        "attention_dropout": 0.0,
        "bos_token_id": 0,
        "eos_token_id": 2,
        "hidden_act": "silu",
        "hidden_size": 32,
        "initializer_range": 0.02,
        "intermediate_size": 64,
        "max_position_embeddings": 128,
        "max_window_layers": 2,
        "model_type": "qwen2",
        "num_attention_heads": 4,
        "num_hidden_layers": 2,
        "num_key_value_heads": 1,
        "rms_norm_eps": 1e-06,
        "rope_scaling": None,
        "rope_theta": 1000000.0,
        "sliding_window": 128,
        "tie_word_embeddings": True,
        "torch_dtype": "float32",
        "use_cache": True,
        "use_sliding_window": False,
        "vocab_size": VOCAB,
    }
    inner = dict(cfg, head_dim=cfg["hidden_size"] // cfg["num_attention_heads"])  # no head_dim in Qwen2 config
    torch.manual_seed(3456)
    gen = torch.Generator().manual_seed(3456)
    model = Llama.init(inner, gen, qkv_bias=True)
    folder = os.path.join(out, "qwen2")
    write_common(folder, cfg,
                 {"bos_token_id": 0, "eos_token_id": [2, 0], "pad_token_id": 0, "max_new_tokens": 12,
                  "do_sample": False},
                 dict(tokenizer_config(None, "<|im_end|>", "<|endoftext|>")))
    # two shards: embeddings + layer 0 | layer 1 + final norm
    shards = [{}, {}]
    for n, t in model.p.items():
        shards[0 if (n.startswith("model.embed_tokens") or n.startswith("model.layers.0.")) else 1][n] = t
    files = ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]
    weight_map = {}
    for f, s in zip(files, shards):
        write_safetensors(os.path.join(folder, f), s, {"format": "pt"})
        for n in s:
            weight_map[n] = f
    total = sum(tensor_bytes(t) for t in model.p.values())
    write_json(os.path.join(folder, "model.safetensors.index.json"),
               {"metadata": {"total_size": total}, "weight_map": dict(sorted(weight_map.items()))})
    check_roundtrip(folder, model)
    assert "lm_head.weight" not in load_folder(folder)
    write_reference(folder, reference(model, gen))
    return "qwen2", count(model.p)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: /usr/bin/python3 decoder_fixtures.py OUTPUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    counts = [make_gpt2(out)]
    llamas, ratio = make_llama(out)
    counts += llamas
    counts.append(make_qwen2(out))
    print("llama3 rope: inv_freq divided by", [round(r, 4) for r in ratio])
    for name, n in counts:
        print(f"{name}: {n} parameters")


if __name__ == "__main__":
    main()
