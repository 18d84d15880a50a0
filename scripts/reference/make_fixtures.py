"""Float64 reference fixtures for the Stepwise engine tests.

The JSON files this writes to tests/fixtures/ are COMMITTED; CI never runs
this script (it needs numpy, which CI does not install). Re-run it by hand
after changing a case:  python3 scripts/reference/make_fixtures.py

Every reference is computed in float64 from float32-rounded inputs, then
rounded once to float32 (so overflow shows as Infinity, as the engine
must report it). Non-finite numbers are written as the strings "NaN",
"Infinity", "-Infinity" because JSON has no literal for them.
Large cases (attention n=1024, d=64) are not stored whole: both sides draw
their inputs from mulberry32 with the stated seed and only a few output
rows are stored.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures")
rng = np.random.default_rng(20141406)


def mulberry32(seed):
    """The engine's PRNG (src/engine/random.ts), bit for bit."""
    a = seed & 0xFFFFFFFF

    def nxt():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return nxt


def seeded_uniform(shape, seed, scale=1.0):
    """Mirrors uniformTensor(shape, mulberry32(seed), scale) in float32."""
    r = mulberry32(seed)
    n = int(np.prod(shape))
    vals = np.array([(r() * 2 - 1) * scale for _ in range(n)], dtype=np.float64)
    return vals.astype(np.float32).astype(np.float64).reshape(shape)


def f32(x):
    return np.asarray(x, dtype=np.float64).astype(np.float32).astype(np.float64)


def randn(*shape, scale=1.0):
    return f32(rng.standard_normal(shape) * scale)


def enc(x):
    """A tensor as {shape, data} with non-finite values spelled as strings."""
    a = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore"):
        a32 = a.astype(np.float32).astype(np.float64)
    data = [v if np.isfinite(v) else ("NaN" if np.isnan(v) else ("Infinity" if v > 0 else "-Infinity")) for v in a32.ravel().tolist()]
    return {"shape": list(a.shape), "data": data}


def sigmoid(x):
    with np.errstate(over="ignore"):
        return np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))))


def softmax(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    e = np.exp(x - m)
    return e / np.sum(e, axis=axis, keepdims=True)


def case(name, op, inputs, expected, attrs=None, tol="widget"):
    return {"name": name, "op": op, "inputs": [enc(x) for x in inputs], "attrs": attrs or {},
            "expected": [enc(e) for e in expected] if isinstance(expected, list) else enc(expected), "tol": tol}


def lstm_gates(x, h, wih, whh, bih, bhh):
    pre = x @ wih.T + bih + h @ whh.T + bhh
    H = whh.shape[1]
    return np.concatenate([sigmoid(pre[:, :H]), sigmoid(pre[:, H:2 * H]), np.tanh(pre[:, 2 * H:3 * H]), sigmoid(pre[:, 3 * H:])], axis=1)


def attn_weights(q, k, scale, causal=False, mask=None):
    s = (q @ k.T) * scale
    if mask is not None:
        s = s + mask
    if causal:
        s = np.where(np.triu(np.ones(s.shape, dtype=bool), 1), -np.inf, s)
    return softmax(s, -1)


def op_cases():
    c = []
    a, b = randn(2, 3), randn(2, 3)
    row, col = randn(3), randn(2, 1)
    for op, fn in [("add", np.add), ("sub", np.subtract), ("mul", np.multiply), ("div", np.divide)]:
        c.append(case(f"{op}(a, b) on equal shapes [2,3]", op, [a, b], fn(a, b)))
        c.append(case(f"{op}(a, b) broadcasts [2,3] with [3]", op, [a, row], fn(a, row)))
        c.append(case(f"{op}(a, b) broadcasts [2,1] with [3] to [2,3]", op, [col, row], fn(col, row)))
        c.append(case(f"{op}(a, b) with a rank-0 b", op, [a, f32(1.5)], fn(a, 1.5)))
    big = f32([3e38, -3e38, 1e-30])
    c.append(case("add(a, b) overflows float32 to ±Infinity visibly", "add", [big, big], big + big))
    c.append(case("mul(a, b) underflows to 0", "mul", [f32([1e-30, -1e-30]), f32([1e-30, 1e-30])], f32([1e-30, -1e-30]) * 1e-30))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = f32([1, -1, 0])
        c.append(case("div(a, 0) is ±Infinity, and 0/0 is NaN", "div", [z, f32([0, 0, 0])], z / 0))
    edge = f32([-1000, -100, -20, -1, 0, 1, 20, 100, 1000])
    mixed = np.concatenate([edge, randn(7)])
    with np.errstate(over="ignore", divide="ignore"):
        for op, fn in [("sigmoid", sigmoid), ("tanh", np.tanh), ("relu", lambda x: np.maximum(x, 0)),
                       ("exp", np.exp), ("neg", np.negative), ("oneMinus", lambda x: 1 - x)]:
            c.append(case(f"{op}(x) on ±1000, ±100, ±20, ±1, 0 and normals", op, [mixed], fn(mixed)))
            c.append(case(f"{op}(x) on a single element", op, [f32([0.5])], fn(f32([0.5]))))
        pos = np.concatenate([f32([0, 1e-30, 1, 1e30]), np.abs(randn(5)) + 0.01])
        c.append(case("log(x) on 0, tiny, 1, huge and positives", "log", [pos], np.log(pos)))
    x35 = randn(3, 5, scale=3)
    c.append(case("softmax(x, -1) on normal logits [3,5]", "softmax", [x35], softmax(x35, -1), {"axis": -1}))
    c.append(case("softmax(x, 0) along the first axis", "softmax", [x35], softmax(x35, 0), {"axis": 0}))
    for name, v in [("logits ±1000", [1000, -1000, 0, 999]), ("equal logits", [7, 7, 7, 7]), ("zeros", [0, 0, 0]),
                    ("underflowing logits [0, -1000]", [0, -1000]), ("a single element", [3]), ("all -1000", [-1000, -1000, -999])]:
        v = f32(v)
        c.append(case(f"softmax(x) on {name}", "softmax", [v], softmax(v), {"axis": -1}))
    m34, m45 = randn(3, 4), randn(4, 5)
    c.append(case("matmul(a, b) on [3,4]·[4,5]", "matmul", [m34, m45], m34 @ m45, {"transposeA": False, "transposeB": False}))
    c.append(case("matmul(a, b, transposeA) on [4,3]ᵀ·[4,5]", "matmul", [m34.T.copy(), m45], m34 @ m45, {"transposeA": True, "transposeB": False}))
    c.append(case("matmul(a, b, transposeB) on [3,4]·[5,4]ᵀ", "matmul", [m34, m45.T.copy()], m34 @ m45, {"transposeA": False, "transposeB": True}))
    c.append(case("matmul(a, b, both transposed)", "matmul", [m34.T.copy(), m45.T.copy()], m34 @ m45, {"transposeA": True, "transposeB": True}))
    b1, b2 = randn(2, 3, 4), randn(2, 4, 2)
    c.append(case("matmul(a, b) batched [2,3,4]·[2,4,2]", "matmul", [b1, b2], b1 @ b2, {"transposeA": False, "transposeB": False}))
    c.append(case("matmul(a, b) on [1,1]·[1,1]", "matmul", [f32([[2]]), f32([[-3]])], f32([[-6]]), {}))
    t234 = randn(2, 3, 4)
    c.append(case("concat([a, b], 0)", "concat", [a, b], np.concatenate([a, b], 0), {"axis": 0}))
    c.append(case("concat([a, col], 1)", "concat", [a, col], np.concatenate([a, col], 1), {"axis": 1}))
    c.append(case("slice(x, [0,1,1], [2,2,-1])", "slice", [t234], t234[0:2, 1:3, 1:], {"begin": [0, 1, 1], "size": [2, 2, -1]}))
    c.append(case("split(x, 2, 2) into equal parts", "split", [t234], [t234[:, :, :2], t234[:, :, 2:]], {"sizes": 2, "axis": 2}))
    c.append(case("split(x, [1,2], 1) into sized parts", "split", [t234], [t234[:, :1], t234[:, 1:]], {"sizes": [1, 2], "axis": 1}))
    c.append(case("transpose(x, [2,0,1])", "transpose", [t234], np.transpose(t234, [2, 0, 1]), {"perm": [2, 0, 1]}))
    c.append(case("transpose(x) reverses a matrix", "transpose", [m34], m34.T, {}))
    c.append(case("reshape(x, [4,-1])", "reshape", [t234], t234.reshape(4, -1), {"shape": [4, -1]}))
    for op, fn in [("sum", np.sum), ("mean", np.mean), ("max", np.max)]:
        c.append(case(f"{op}(x, 1) over the middle axis", op, [t234], fn(t234, axis=1), {"axis": 1, "keepDims": False}))
        c.append(case(f"{op}(x, [0,2], keepDims)", op, [t234], fn(t234, axis=(0, 2), keepdims=True), {"axis": [0, 2], "keepDims": True}))
        c.append(case(f"{op}(x) over every axis", op, [t234], fn(t234), {"keepDims": False}))
    B, I, H = 2, 3, 4
    args = [randn(B, I), randn(B, H), randn(4 * H, I), randn(4 * H, H), randn(4 * H), randn(4 * H)]
    c.append(case("lstmGates(x, h, W_ih, W_hh, b_ih, b_hh) on B=2, I=3, H=4", "lstmGates", args, lstm_gates(*args)))
    sat = [args[0], args[1], args[2] * 500, args[3] * 500, args[4], args[5]]
    with np.errstate(over="ignore"):
        c.append(case("lstmGates(...) saturates without NaN on weights ×500", "lstmGates", sat, lstm_gates(*sat)))
    q, k, v = randn(3, 4), randn(5, 4), randn(5, 2)
    mask = f32(np.where(rng.random((3, 5)) < 0.3, -np.inf, 0.0))
    mask[:, 0] = 0
    for name, attrs, ref in [
        ("scale true (1/√d)", {"scale": True}, attn_weights(q, k, 0.5)),
        ("scale false", {"scale": False}, attn_weights(q, k, 1.0)),
        ("scale 0.3", {"scale": 0.3}, attn_weights(q, k, f32(0.3))),
        ("causal", {"scale": True, "causal": True}, attn_weights(q, k, 0.5, causal=True)),
    ]:
        c.append(case(f"attentionWeights(Q, K, {name})", "attentionWeights", [q, k], ref, attrs))
        c.append(case(f"attention(Q, K, V, {name})", "attention", [q, k, v], ref @ v, attrs))
    with np.errstate(invalid="ignore"):
        c.append(case("attentionWeights(Q, K, additive mask)", "attentionWeights", [q, k, mask], attn_weights(q, k, 0.5, mask=mask), {"scale": True, "mask": True}))
        c.append(case("attention(Q, K, V, additive mask)", "attention", [q, k, v, mask], attn_weights(q, k, 0.5, mask=mask) @ v, {"scale": True, "mask": True}))
    qb = q * 1000
    c.append(case("attentionWeights(Q·1000, K) keeps ±1000-scale scores finite", "attentionWeights", [qb, k], attn_weights(qb, k, 0.5), {"scale": True}))
    return c


def large_cases():
    n, d = 1024, 64
    Q = seeded_uniform([n, d], 1)
    K = seeded_uniform([n, d], 2)
    V = seeded_uniform([n, d], 3)
    rows = [0, 1, 511, 1023]
    out = attn_weights(Q, K, 1 / np.sqrt(d)) @ V
    A = seeded_uniform([128, 128], 4)
    Bm = seeded_uniform([128, 128], 5)
    mm = A @ Bm
    return [
        {"name": "attention(Q, K, V) at n=1024, d=64 (seeded inputs)", "op": "attention",
         "seeded": [[[n, d], 1], [[n, d], 2], [[n, d], 3]], "attrs": {"scale": True}, "rows": rows,
         "expected": enc(out[rows]), "tol": "large"},
        {"name": "matmul(a, b) at 128×128 (seeded inputs)", "op": "matmul",
         "seeded": [[[128, 128], 4], [[128, 128], 5]], "attrs": {}, "rows": [0, 64, 127],
         "expected": enc(mm[[0, 64, 127]]), "tol": "large"},
    ]


def gru_seq(p, xs, variant):
    H = p["W_hh"].shape[1]
    h = np.zeros(H)
    out = []
    for x in xs:
        gi = p["W_ih"] @ x + p["b_ih"]
        r = sigmoid(gi[:H] + p["W_hh"][:H] @ h + p["b_hh"][:H])
        z = sigmoid(gi[H:2 * H] + p["W_hh"][H:2 * H] @ h + p["b_hh"][H:2 * H])
        if variant == "cho":
            n = np.tanh(gi[2 * H:] + p["W_hh"][2 * H:] @ (r * h) + p["b_hh"][2 * H:])
        else:
            n = np.tanh(gi[2 * H:] + r * (p["W_hh"][2 * H:] @ h + p["b_hh"][2 * H:]))
        h = z * h + (1 - z) * n
        out.append({"r": r, "z": z, "h̃": n, "h": h})
    return out


def lstm_seq(p, xs):
    H = p["W_hh"].shape[1]
    h, c = np.zeros(H), np.zeros(H)
    out = []
    for x in xs:
        g4 = lstm_gates(x[None], h[None], p["W_ih"], p["W_hh"], p["b_ih"], p["b_hh"])[0]
        i, f, g, o = g4[:H], g4[H:2 * H], g4[2 * H:3 * H], g4[3 * H:]
        c = f * c + i * g
        h = o * np.tanh(c)
        out.append({"i": i, "f": f, "g": g, "o": o, "c": c, "h": h})
    return out


def rnn_seq(p, xs, Wy, by, jordan):
    H = p["W_ih"].shape[0]
    h, y = np.zeros(H), np.zeros(Wy.shape[0])
    out = []
    for x in xs:
        h = np.tanh(p["W_ih"] @ x + p["b_ih"] + p["W_hh"] @ (y if jordan else h) + p["b_hh"])
        y = Wy @ h + by
        out.append({"h": h, "y": y})
    return out


def rec_params(k, I, H):
    return {"W_ih": randn(k * H, I, scale=0.5), "W_hh": randn(k * H, H, scale=0.5), "b_ih": randn(k * H, scale=0.1), "b_hh": randn(k * H, scale=0.1)}


def state_dict(p):
    return {"weight_ih_l0": p["W_ih"].tolist(), "weight_hh_l0": p["W_hh"].tolist(), "bias_ih_l0": p["b_ih"].tolist(), "bias_hh_l0": p["b_hh"].tolist()}


def steps_enc(steps):
    return [{k: enc(v) for k, v in s.items()} for s in steps]


def model_cases():
    I, H, T = 3, 4, 5
    xs = randn(T, I)
    out = {"xs": enc(xs)}
    gp = rec_params(3, I, H)
    out["gru"] = {"state_dict": state_dict(gp), "cho": steps_enc(gru_seq(gp, xs, "cho")), "pytorch": steps_enc(gru_seq(gp, xs, "pytorch"))}
    lp = rec_params(4, I, H)
    out["lstm"] = {"state_dict": state_dict(lp), "steps": steps_enc(lstm_seq(lp, xs))}
    rp = rec_params(1, I, H)
    Wy, by = randn(2, H), randn(2)
    out["rnn"] = {"state_dict": state_dict(rp), "W_y": enc(Wy), "b_y": enc(by), "elman": steps_enc(rnn_seq(rp, xs, Wy, by, False))}
    jp = {"W_ih": randn(H, I, scale=0.5), "W_hh": randn(H, 2, scale=0.5), "b_ih": randn(H, scale=0.1), "b_hh": randn(H, scale=0.1)}
    out["jordan"] = {"params": {k: enc(v) for k, v in jp.items()}, "steps": steps_enc(rnn_seq(jp, xs, Wy, by, True))}
    # Bahdanau: annotations from a 4-step input, decoder GRU over [y_{i-1}; c_i].
    m, D, S, A, Y = 4, 6, 5, 3, 2
    Hs = randn(m, D)
    att = {"W_a": randn(A, S), "U_a": randn(A, D), "v_a": randn(A)}
    dp = rec_params(3, Y + D, S)
    Wo, bo = randn(Y, S), randn(Y)
    s, y = np.zeros(S), np.zeros(Y)
    steps = []
    for _ in range(4):
        e = np.array([att["v_a"] @ np.tanh(att["W_a"] @ s + att["U_a"] @ Hs[j]) for j in range(m)])
        alpha = softmax(e)
        c = alpha @ Hs
        s = gru_seq_from(dp, np.concatenate([y, c]), s)
        y = Wo @ s + bo
        steps.append({"e": e, "α": alpha, "c": c, "s": s, "y": y})
    out["bahdanau"] = {"H": enc(Hs), "attention": {k: enc(v) for k, v in att.items()}, "cell": state_dict(dp),
                       "W_y": enc(Wo), "b_y": enc(bo), "steps": steps_enc(steps)}
    d = 4
    ht, Hb = randn(d), randn(6, d)
    Wg, Wc, vc = randn(d, d), randn(3, 2 * d), randn(3)
    out["luong"] = {"h_t": enc(ht), "Hbar": enc(Hb), "W_general": enc(Wg), "W_concat": enc(Wc), "v_concat": enc(vc),
                    "dot": enc(Hb @ ht), "general": enc(np.array([ht @ Wg @ hs for hs in Hb])),
                    "concat": enc(np.array([vc @ np.tanh(Wc @ np.concatenate([ht, hs])) for hs in Hb]))}
    n, dm, dk = 5, 4, 3
    X = randn(n, dm)
    Wq, Wk, Wv = randn(dk, dm), randn(dk, dm), randn(2, dm)
    Q, K, V = X @ Wq.T, X @ Wk.T, X @ Wv.T
    Aw = Q @ K.T
    Ap = softmax(Aw / np.sqrt(dk))
    out["self_attention"] = {"X": enc(X), "W_q": enc(Wq), "W_k": enc(Wk), "W_v": enc(Wv), "Q": enc(Q), "K": enc(K), "V": enc(V),
                             "A": enc(Aw), "A'": enc(Ap), "O": enc(Ap @ V), "O_unscaled": enc(softmax(Aw) @ V),
                             "O_causal": enc(attn_weights(Q, K, 1 / np.sqrt(dk), causal=True) @ V)}
    E, heads = 6, 2
    Xm = randn(n, E)
    Win, bin_, WO, bO = randn(3 * E, E, scale=0.5), randn(3 * E, scale=0.1), randn(E, E, scale=0.5), randn(E, scale=0.1)
    QKV = Xm @ Win.T + bin_
    Qm, Km, Vm = QKV[:, :E], QKV[:, E:2 * E], QKV[:, 2 * E:]
    dh = E // heads
    heads_out = [attn_weights(Qm[:, h * dh:(h + 1) * dh], Km[:, h * dh:(h + 1) * dh], 1 / np.sqrt(dh)) @ Vm[:, h * dh:(h + 1) * dh] for h in range(heads)]
    out["multi_head"] = {"X": enc(Xm), "heads": heads,
                         "state_dict": {"in_proj_weight": Win.tolist(), "in_proj_bias": bin_.tolist(), "out_proj.weight": WO.tolist(), "out_proj.bias": bO.tolist()},
                         "out": enc(np.concatenate(heads_out, 1) @ WO.T + bO)}
    return out


def gru_seq_from(p, x, h):
    """One Cho-variant GRU step (the site default, which the Bahdanau decoder uses)."""
    H = h.shape[0]
    gi = p["W_ih"] @ x + p["b_ih"]
    r = sigmoid(gi[:H] + p["W_hh"][:H] @ h + p["b_hh"][:H])
    z = sigmoid(gi[H:2 * H] + p["W_hh"][H:2 * H] @ h + p["b_hh"][H:2 * H])
    n = np.tanh(gi[2 * H:] + p["W_hh"][2 * H:] @ (r * h) + p["b_hh"][2 * H:])
    return z * h + (1 - z) * n


def write(name, obj):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"), allow_nan=False)
    print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    write("ops.json", {"cases": op_cases() + large_cases()})
    write("models.json", model_cases())
