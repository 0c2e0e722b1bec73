# PSI reference values computed with numpy, independently of the TypeScript code.
# Run with Debian's python: /usr/bin/python3 packages/engine/src/drift/__fixtures__/make-fixtures.py
# Conventions: edges = unique(np.quantile(baseline, [1/b .. (b-1)/b])) (linear interpolation);
# bin = searchsorted(edges, v, "left") (right-closed bins, open ends); one extra bin for missing;
# empty bins get share eps = 1e-4 (no renormalisation); PSI = sum((c - b) * ln(c / b)).
import json
import numpy as np

EPS = 1e-4
rng = np.random.RandomState(7)
here = "packages/engine/src/drift/__fixtures__/"


def shares(edges, values):
    values = np.asarray(values, dtype=float)
    missing = ~np.isfinite(values)
    counts = np.bincount(np.searchsorted(edges, values[~missing], side="left"), minlength=len(edges) + 1)
    counts = np.append(counts, missing.sum()).astype(float)
    s = counts / len(values)
    s[counts == 0] = EPS
    return s


def numeric_psi(baseline, current, bins=10):
    baseline = np.asarray(baseline, dtype=float)
    present = baseline[np.isfinite(baseline)]
    edges = np.unique(np.quantile(present, np.arange(1, bins) / bins))
    b, c = shares(edges, baseline), shares(edges, current)
    return float(np.sum((c - b) * np.log(c / b))), edges.tolist()


def r6(a):
    return [round(float(x), 6) for x in a]


cases = []
base = r6(rng.normal(0, 1, 2000)); cur = r6(rng.normal(0.3, 1.2, 1500))
cases.append(("shifted normal", base, cur))
base = r6(rng.uniform(0, 1, 500)); cur = r6(rng.uniform(0.5, 2, 400))  # several current bins empty
cases.append(("empty bins", base, cur))
base = [float(x) for x in rng.randint(0, 4, 800)]; cur = [float(x) for x in rng.randint(1, 6, 600)]
cases.append(("repeated values", base, cur))
base = r6(rng.normal(5, 2, 300)) + [None] * 20; cur = r6(rng.normal(5, 2, 300)) + [None] * 60
cases.append(("missing values", base, cur))

numeric = []
for name, b, c in cases:
    value, edges = numeric_psi([np.nan if v is None else v for v in b], [np.nan if v is None else v for v in c])
    numeric.append({"name": name, "baseline": b, "current": c, "edges": edges, "psi": value})

levels_b = list(rng.choice(["a", "b", "c"], 400, p=[0.5, 0.3, 0.2])) + [None] * 10
levels_c = list(rng.choice(["a", "b", "c", "d"], 300, p=[0.3, 0.3, 0.2, 0.2])) + [None] * 30
levs = sorted({v for v in levels_b if v is not None})
def cat_shares(values):
    counts = np.zeros(len(levs) + 2)
    for v in values:
        counts[len(levs) + 1 if v is None else (levs.index(v) if v in levs else len(levs))] += 1
    s = counts / len(values); s[counts == 0] = EPS
    return s
cb, cc = cat_shares(levels_b), cat_shares(levels_c)
categorical = {"baseline": levels_b, "current": levels_c, "psi": float(np.sum((cc - cb) * np.log(cc / cb)))}

emb_b = np.round(rng.normal(0, 1, (2000, 4)), 6); emb_c = np.round(rng.normal(0, 1, (1000, 4)), 6)
emb_c[:, 2] += 0.8
embedding = {
    "baseline": emb_b.ravel().tolist(), "current": emb_c.ravel().tolist(), "cols": 4,
    "psi": [numeric_psi(emb_b[:, d], emb_c[:, d])[0] for d in range(4)],
    "centroidDistance": float(np.linalg.norm(emb_c.mean(0) - emb_b.mean(0))),
}
with open(here + "psi-numpy.json", "w") as f:
    json.dump({"numeric": numeric, "categorical": categorical, "embedding": embedding}, f)
print([round(c["psi"], 4) for c in numeric], round(categorical["psi"], 4), [round(p, 4) for p in embedding["psi"]])
