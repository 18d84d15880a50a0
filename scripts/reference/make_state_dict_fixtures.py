"""PyTorch-style state dicts for the widgets' weight import, with float64 references.

Writes tests/fixtures/state-dicts/<widget>.json, each exactly what
`json.dump({k: v.tolist() for k, v in model.state_dict().items()}, f)`
writes for the PyTorch module the widget computes (key names and [out, in]
layout as PyTorch has them, float32 values), and
tests/fixtures/state-dicts/reference.json: for each widget the inputs it
is run on (its defaults; the browser test checks they still are) and the
float64 outputs of the same module on them. COMMITTED; CI never runs this
(no numpy there). Re-run by hand:  python3 scripts/reference/make_state_dict_fixtures.py

PyTorch is not installed here, so the modules are written from its
documented equations (nn.RNN, nn.GRU, nn.LSTM, nn.Linear):

    RNN   h = tanh(W_ih x + b_ih + W_hh h + b_hh);  y = fc.weight h + fc.bias
    GRU   r, z = σ(W_i{r,z} x + b_i{r,z} + W_h{r,z} h + b_h{r,z})
          n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn));  h = (1 − z) ⊙ n + z ⊙ h
    LSTM  i, f, o = σ(…), g = tanh(…) (blocks i, f, g, o);  c = f ⊙ c + i ⊙ g;  h = o ⊙ tanh(c)
    self-attention  Q = X W_qᵀ, K = X W_kᵀ, V = X W_vᵀ;  O = softmax(Q Kᵀ / √d_k) V
    multi-head (nn.MultiheadAttention(8, 2), query = key = value = X)
          [Q K V] = X in_proj_weightᵀ + in_proj_bias;  head h takes columns h·d_h … (h+1)·d_h − 1 of each
          O_h = softmax(Q_h K_hᵀ / √d_h) V_h;  out = [O_1 O_2] out_proj.weightᵀ + out_proj.bias
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "state-dicts")
rng = np.random.default_rng(2214)


def f32(x):
    return np.asarray(x, dtype=np.float64).astype(np.float32).astype(np.float64)


def randn(*shape, scale=0.8):
    return f32(rng.standard_normal(shape) * scale)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def rnn_memory():
    X = np.array([[1, 1], [1, 1], [2, 2]], dtype=np.float64)
    sd = {
        "rnn.weight_ih_l0": randn(2, 2, scale=0.5),
        "rnn.weight_hh_l0": randn(2, 2, scale=0.5),
        "rnn.bias_ih_l0": randn(2, scale=0.3),
        "rnn.bias_hh_l0": randn(2, scale=0.3),
        "fc.weight": randn(2, 2),
        "fc.bias": randn(2, scale=0.3),
    }
    h = np.zeros(2)
    hs, ys = [], []
    for x in X:
        h = np.tanh(sd["rnn.weight_ih_l0"] @ x + sd["rnn.bias_ih_l0"] + sd["rnn.weight_hh_l0"] @ h + sd["rnn.bias_hh_l0"])
        hs.append(h)
        ys.append(sd["fc.weight"] @ h + sd["fc.bias"])
    return sd, {"X": X, "h": np.array(hs), "y": np.array(ys)}


def gru():
    X = np.array([[1, 0], [0, 1], [1, 1], [-1, 0.5], [0.5, -1], [0, 0]], dtype=np.float64)
    H = 2
    sd = {
        "weight_ih_l0": randn(3 * H, 2),
        "weight_hh_l0": randn(3 * H, H),
        "bias_ih_l0": randn(3 * H, scale=0.3),
        "bias_hh_l0": randn(3 * H, scale=0.3),
    }
    h = np.zeros(H)
    hs = []
    for x in X:
        gi = sd["weight_ih_l0"] @ x + sd["bias_ih_l0"]
        gh = sd["weight_hh_l0"] @ h + sd["bias_hh_l0"]
        r = sigmoid(gi[:H] + gh[:H])
        z = sigmoid(gi[H : 2 * H] + gh[H : 2 * H])
        n = np.tanh(gi[2 * H :] + r * gh[2 * H :])
        h = (1 - z) * n + z * h
        hs.append(h)
    return sd, {"X": X, "h": np.array(hs)}


def lstm():
    X = np.array([[1, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 1]], dtype=np.float64)
    H = 1
    sd = {
        "weight_ih_l0": randn(4 * H, 2),
        "weight_hh_l0": randn(4 * H, H),
        "bias_ih_l0": randn(4 * H, scale=0.3),
        "bias_hh_l0": randn(4 * H, scale=0.3),
    }
    h, c = np.zeros(H), np.zeros(H)
    hs, cs = [], []
    for x in X:
        a = sd["weight_ih_l0"] @ x + sd["bias_ih_l0"] + sd["weight_hh_l0"] @ h + sd["bias_hh_l0"]
        i, f, g, o = sigmoid(a[:H]), sigmoid(a[H : 2 * H]), np.tanh(a[2 * H : 3 * H]), sigmoid(a[3 * H :])
        c = f * c + i * g
        h = o * np.tanh(c)
        hs.append(h)
        cs.append(c)
    return sd, {"X": X, "h": np.array(hs), "c": np.array(cs)}


def self_attention():
    X = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0]], dtype=np.float64)
    sd = {"q_proj.weight": randn(3, 4), "k_proj.weight": randn(3, 4), "v_proj.weight": randn(3, 4)}
    Q, K, V = (X @ sd[f"{p}_proj.weight"].T for p in "qkv")
    S = Q @ K.T / np.sqrt(3)
    A = np.exp(S - S.max(axis=1, keepdims=True))
    A /= A.sum(axis=1, keepdims=True)
    return sd, {"X": X, "A": A, "O": A @ V}


def multi_head():
    # The widget's default tokens (multi-head-weights.ts): cos, sin of i·π/4 (4 decimals), keyword flag, 1, content.
    content = {"the": [0.2, -0.1, 0.3, 0.1], "cat": [0.9, 0.4, -0.2, 0.5], "sat": [-0.3, 0.8, 0.6, -0.1],
               "on": [0.1, -0.5, 0.2, 0.4], "mat": [0.7, 0.3, -0.4, 0.6]}
    words = ["the", "cat", "sat", "on", "the", "mat"]
    X = np.array([[round(np.cos(i * np.pi / 4), 4) + 0.0, round(np.sin(i * np.pi / 4), 4) + 0.0,
                   1.0 if i == 1 else 0.0, 1.0, *content[w]] for i, w in enumerate(words)], dtype=np.float64)
    E, heads = 8, 2
    dh = E // heads
    sd = {
        "in_proj_weight": randn(3 * E, E, scale=0.6),
        "in_proj_bias": randn(3 * E, scale=0.2),
        "out_proj.weight": randn(E, E, scale=0.5),
        "out_proj.bias": randn(E, scale=0.2),
    }
    qkv = X @ sd["in_proj_weight"].T + sd["in_proj_bias"]
    Q, K, V = qkv[:, :E], qkv[:, E : 2 * E], qkv[:, 2 * E :]
    outs, weights = [], []
    for h in range(heads):
        cols = slice(h * dh, (h + 1) * dh)
        S = Q[:, cols] @ K[:, cols].T / np.sqrt(dh)
        A = np.exp(S - S.max(axis=1, keepdims=True))
        A /= A.sum(axis=1, keepdims=True)
        weights.append(A)
        outs.append(A @ V[:, cols])
    out = np.concatenate(outs, axis=1) @ sd["out_proj.weight"].T + sd["out_proj.bias"]
    return sd, {"X": X, "A1": weights[0], "A2": weights[1], "out": out}


def main():
    os.makedirs(OUT, exist_ok=True)
    reference = {}
    for name, make in [("rnn-memory", rnn_memory), ("gru-cell", gru), ("lstm-cell", lstm), ("self-attention", self_attention),
                       ("multi-head", multi_head)]:
        sd, ref = make()
        path = os.path.join(OUT, f"{name}.json")
        with open(path, "w") as f:
            json.dump({k: v.tolist() for k, v in sd.items()}, f, allow_nan=False)
        reference[name] = {k: v.tolist() for k, v in ref.items()}
        print(f"{path}: {os.path.getsize(path)} bytes")
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump(reference, f, allow_nan=False, indent=1)


if __name__ == "__main__":
    main()
