"""Float64 reference fixtures for the Transformer ops and layers.

Writes tests/fixtures/transformer-ops.json (same case format as ops.json)
and tests/fixtures/transformer-layers.json. COMMITTED; CI never runs this
(numpy is not installed there). Re-run by hand after changing a case:
    python3 scripts/reference/make_transformer_fixtures.py

PyTorch is not installed here either, so the layers are written from
PyTorch's documented equations (nn.TransformerEncoderLayer /
nn.TransformerDecoderLayer, nn.MultiheadAttention, nn.LayerNorm, F.gelu):

    post-LN (norm_first=False):  x = norm1(x + SA(x));  x = norm2(x + FF(x))
    pre-LN  (norm_first=True):   x = x + SA(norm1(x));  x = x + FF(norm2(x))
    decoder adds cross-attention MHA(x, memory) with norm2, FF moves to norm3
    FF(x) = linear2(act(linear1(x)))   (dropout is the identity in eval mode)
    MHA: [q k v] = x W_inᵀ + b_in split in thirds; heads split the columns;
         softmax(q kᵀ/√d_h + mask) v per head; concat; out_proj

Every reference is float64 from float32-rounded inputs, rounded once to
float32 when written (make_fixtures.py's conventions, imported from it).
"""
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from make_fixtures import case, enc, f32, softmax, write  # noqa: E402

rng = np.random.default_rng(20170612)


def randn(*shape, scale=1.0):
    return f32(rng.standard_normal(shape) * scale)


def erf(x):
    return np.vectorize(math.erf)(x)


def gelu(x, approximate="none"):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        if approximate == "tanh":
            y = 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
        else:
            y = 0.5 * x * (1 + erf(x / math.sqrt(2)))
    return np.where(np.isneginf(x), 0.0, np.where(np.isposinf(x), np.inf, y))


def layer_norm(x, g, b, eps=1e-5):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def positional(n, d, base=10000.0, offset=0):
    out = np.zeros((n, d))
    for r in range(n):
        p = offset + r
        for c in range(d):
            angle = p / base ** ((c - c % 2) / d)
            out[r, c] = math.sin(angle) if c % 2 == 0 else math.cos(angle)
    return out


def attn_weights(q, k, scale, causal=False, mask=None, zero_empty=False):
    s = (q @ k.T) * scale
    if mask is not None:
        s = s + mask
    if causal:
        s = np.where(np.triu(np.ones(s.shape, dtype=bool), 1), -np.inf, s)
    out = np.zeros_like(s)
    for i in range(s.shape[0]):
        if np.all(np.isneginf(s[i])):
            out[i] = 0.0 if zero_empty else np.nan
        else:
            out[i] = softmax(s[i])
    return out


def op_cases():
    c = []
    edge = f32([-1000, -100, -20, -5, -1, 0, 1, 5, 20, 100, 1000])
    mixed = np.concatenate([edge, randn(9)])
    for approx in ["none", "tanh"]:
        c.append(case(f"gelu(x, '{approx}') on ±1000, ±100, ±20, ±5, ±1, 0 and normals", "gelu", [mixed], gelu(mixed, approx), {"approximate": approx}))
    inf = f32([-np.inf, np.inf, 3e38, -3e38])
    with np.errstate(over="ignore"):
        c.append(case("gelu(x) maps −∞ to 0, +∞ to +∞, ±3e38 to their limits", "gelu", [inf], gelu(inf), {"approximate": "none"}))
    x = randn(3, 6, scale=2)
    g, b = randn(6), randn(6)
    c.append(case("layerNorm(x, γ, β) over the last axis of [3,6]", "layerNorm", [x, g, b], layer_norm(x, g, b), {"eps": 1e-5}))
    x3 = randn(2, 3, 4)
    g4, b4 = randn(4), randn(4)
    c.append(case("layerNorm(x, γ, β) on a batch [2,3,4] with ε = 0.1", "layerNorm", [x3, g4, b4], layer_norm(x3, g4, b4, 0.1), {"eps": 0.1}))
    big = f32([[1e30, -1e30, 3e37, 0.5], [1000, 1000, 1000, 1000], [1e-20, 2e-20, 0, -1e-20]])
    c.append(case("layerNorm(x) on rows of ±1e30, equal values and tiny values", "layerNorm", [big, g4, b4], layer_norm(big, g4, b4), {"eps": 1e-5}))
    with np.errstate(invalid="ignore"):
        bad = f32([[1, np.inf, 2, 3], [1, 2, 3, 4]])
        c.append(case("layerNorm(x) turns a row holding +∞ into NaN and leaves the others", "layerNorm", [bad, g4, b4], layer_norm(bad, g4, b4), {"eps": 1e-5}))
    for n, d, off in [(6, 8, 0), (3, 5, 0), (4, 16, 1000)]:
        c.append(case(f"positionalEncoding({n}, {d}) from position {off}", "positionalEncoding", [], positional(n, d, offset=off), {"length": n, "dim": d, "base": 10000, "offset": off}))
    c.append(case("positionalEncoding(5, 4) with base 100", "positionalEncoding", [], positional(5, 4, 100.0), {"length": 5, "dim": 4, "base": 100, "offset": 0}))
    # Cross-attention: 3 decoder queries over 5 encoder keys, with key padding and masks.
    q, k, v = randn(3, 4), randn(5, 4), randn(5, 2)
    pad = np.array([False, False, False, True, True])
    pmask = np.where(pad, -np.inf, 0.0)[None, :].repeat(3, 0)
    with np.errstate(invalid="ignore"):
        c.append(case("attention(Q[3], K[5], V) cross-attention with keys 4–5 padded", "attention", [q, k, v], attn_weights(q, k, 0.5, mask=pmask) @ v, {"scale": True, "keyPadding": pad.tolist()}))
        c.append(case("attentionWeights(Q[3], K[5]) puts 0 on padded keys", "attentionWeights", [q, k], attn_weights(q, k, 0.5, mask=pmask), {"scale": True, "keyPadding": pad.tolist()}))
        c.append(case("attentionWeights(Q[3], K[5], causal + padding), top-left aligned", "attentionWeights", [q, k], attn_weights(q, k, 0.5, causal=True, mask=pmask), {"scale": True, "causal": True, "keyPadding": pad.tolist()}))
        full = f32(np.zeros((3, 5)))
        full[1, :] = -np.inf
        c.append(case("attention(Q, K, V) with a fully masked row gives NaN in that row only", "attention", [q, k, v, full], attn_weights(q, k, 0.5, mask=full) @ v, {"scale": True}))
        c.append(case("attention(Q, K, V, emptyRows 'zero') gives 0 for a fully masked row", "attention", [q, k, v, full], attn_weights(q, k, 0.5, mask=full, zero_empty=True) @ v, {"scale": True, "emptyRows": "zero"}))
        c.append(case("attentionWeights(..., emptyRows 'zero') gives a 0 row when every key is padded", "attentionWeights", [q, k], attn_weights(q, k, 0.5, mask=np.full((3, 5), -np.inf), zero_empty=True), {"scale": True, "keyPadding": [True] * 5, "emptyRows": "zero"}))
    qb = q * 300
    c.append(case("attention(Q·300, K[5], V) with padding keeps large scores finite", "attention", [qb, k, v], attn_weights(qb, k, 0.5, mask=pmask) @ v, {"scale": True, "keyPadding": pad.tolist()}))
    return c


def mha(sd, name, xq, xkv, heads, mask):
    """nn.MultiheadAttention (batch_first) in float64; mask broadcasts to [B, h, n, m]."""
    E = xq.shape[-1]
    W, b = np.array(sd[f"{name}.in_proj_weight"]), np.array(sd[f"{name}.in_proj_bias"])
    q = xq @ W[:E].T + b[:E]
    k = xkv @ W[E:2 * E].T + b[E:2 * E]
    v = xkv @ W[2 * E:].T + b[2 * E:]
    B, n, m, dh = xq.shape[0], xq.shape[1], xkv.shape[1], E // heads
    split = lambda t, L: t.reshape(B, L, heads, dh).transpose(0, 2, 1, 3)
    s = split(q, n) @ split(k, m).transpose(0, 1, 3, 2) / math.sqrt(dh) + mask
    w = np.exp(s - s.max(-1, keepdims=True))
    w = w / w.sum(-1, keepdims=True)
    o = (w @ split(v, m)).transpose(0, 2, 1, 3).reshape(B, n, E)
    return o @ np.array(sd[f"{name}.out_proj.weight"]).T + np.array(sd[f"{name}.out_proj.bias"]), w


def ln(sd, name, x):
    return layer_norm(x, np.array(sd[f"{name}.weight"]), np.array(sd[f"{name}.bias"]))


def ff(sd, x, act):
    h = x @ np.array(sd["linear1.weight"]).T + np.array(sd["linear1.bias"])
    h = gelu(h) if act == "gelu" else np.maximum(h, 0)
    return h @ np.array(sd["linear2.weight"]).T + np.array(sd["linear2.bias"])


def encoder_layer(sd, x, heads, norm_first, act, mask):
    if norm_first:
        x = x + mha(sd, "self_attn", ln(sd, "norm1", x), ln(sd, "norm1", x), heads, mask)[0]
        return x + ff(sd, ln(sd, "norm2", x), act)
    x = ln(sd, "norm1", x + mha(sd, "self_attn", x, x, heads, mask)[0])
    return ln(sd, "norm2", x + ff(sd, x, act))


def decoder_layer(sd, x, mem, heads, norm_first, act, self_mask, mem_mask):
    if norm_first:
        y = ln(sd, "norm1", x)
        x = x + mha(sd, "self_attn", y, y, heads, self_mask)[0]
        o, w = mha(sd, "multihead_attn", ln(sd, "norm2", x), mem, heads, mem_mask)
        x = x + o
        return x + ff(sd, ln(sd, "norm3", x), act), w
    x = ln(sd, "norm1", x + mha(sd, "self_attn", x, x, heads, self_mask)[0])
    o, w = mha(sd, "multihead_attn", x, mem, heads, mem_mask)
    x = ln(sd, "norm2", x + o)
    return ln(sd, "norm3", x + ff(sd, x, act)), w


def layer_state_dict(kind, E, F):
    """Random weights under PyTorch's own key names (what layer.state_dict() would hold)."""
    sd = {}
    for name in ["self_attn"] + (["multihead_attn"] if kind == "decoder" else []):
        sd[f"{name}.in_proj_weight"] = randn(3 * E, E, scale=0.5)
        sd[f"{name}.in_proj_bias"] = randn(3 * E, scale=0.1)
        sd[f"{name}.out_proj.weight"] = randn(E, E, scale=0.5)
        sd[f"{name}.out_proj.bias"] = randn(E, scale=0.1)
    sd["linear1.weight"], sd["linear1.bias"] = randn(F, E, scale=0.5), randn(F, scale=0.1)
    sd["linear2.weight"], sd["linear2.bias"] = randn(E, F, scale=0.5), randn(E, scale=0.1)
    for n in ["norm1", "norm2"] + (["norm3"] if kind == "decoder" else []):
        sd[f"{n}.weight"], sd[f"{n}.bias"] = f32(1 + randn(E, scale=0.2)), randn(E, scale=0.1)
    return {k: v.tolist() for k, v in sd.items()}


def pad_mask(lengths, m):
    out = np.zeros((len(lengths), 1, 1, m))
    for b, L in enumerate(lengths):
        out[b, 0, 0, L:] = -np.inf
    return out


def layer_cases():
    E, F, heads, B, n, T = 8, 16, 2, 2, 5, 4
    lengths = [5, 3]
    causal = np.triu(np.full((T, T), -np.inf), 1)[None, None]
    out = []
    for norm_first, act in [(False, "relu"), (True, "gelu")]:
        sd = layer_state_dict("encoder", E, F)
        x = randn(B, n, E)
        y = encoder_layer(sd, x, heads, norm_first, act, pad_mask(lengths, n))
        out.append({"name": f"nn.TransformerEncoderLayer(norm_first={norm_first}, activation={act}) with src_key_padding_mask",
                    "kind": "encoder", "heads": heads, "normFirst": norm_first, "activation": act, "lengths": lengths,
                    "state_dict": sd, "x": enc(x), "out": enc(y)})
        sd = layer_state_dict("decoder", E, F)
        x, mem = randn(B, T, E), randn(B, n, E)
        y, w = decoder_layer(sd, x, mem, heads, norm_first, act, causal, pad_mask(lengths, n))
        out.append({"name": f"nn.TransformerDecoderLayer(norm_first={norm_first}, activation={act}) with tgt causal mask and memory_key_padding_mask",
                    "kind": "decoder", "heads": heads, "normFirst": norm_first, "activation": act, "lengths": lengths,
                    "state_dict": sd, "x": enc(x), "memory": enc(mem), "out": enc(y), "cross": enc(w)})
    return out


if __name__ == "__main__":
    write("transformer-ops.json", {"cases": op_cases()})
    write("transformer-layers.json", {"cases": layer_cases()})
