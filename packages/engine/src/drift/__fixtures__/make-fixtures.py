"""PSI reference values computed with numpy, independently of the TypeScript code.

Run from the repository root with Debian's python (numpy installed there):

    /usr/bin/python3 packages/engine/src/drift/__fixtures__/make-fixtures.py

Conventions (the same ones packages/engine/src/drift documents):

* quantile cuts  = np.unique(np.quantile(baseline, np.arange(1, b) / b))   (default "linear")
                   minus any cut equal to the baseline maximum
* fixed-width    = np.histogram_bin_edges(baseline, b)[1:-1]                (interior edges)
* bins           = (-inf, c0], (c0, c1], ..., (c_{k-1}, +inf)  -- right-closed, open ends:
                   index = np.digitize(v, cuts, right=True)
* missing bin    = one extra bin for None / NaN when the metric has one (features)
* categorical    = baseline levels by count desc, then level; up to max_levels of them,
                   then an "other" bin (levels not kept) and a "missing" bin (None)
* smoothing      = additive on shares, renormalised: s_i = (n_i / N + eps) / (1 + k * eps)
* PSI            = sum((c - b) * ln(c / b))
"""

import json
import os

import numpy as np

EPS = 1e-4
HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261122)


def cuts_for(baseline, binning, bins):
    if binning == "quantile":
        cuts = np.unique(np.quantile(baseline, np.arange(1, bins) / bins))
    else:
        cuts = np.unique(np.histogram_bin_edges(baseline, bins)[1:-1])
    return cuts[cuts < baseline.max()]


def counts_for(values, cuts, missing_bin):
    """Counts per range bin (np.digitize, right=True), then the missing count when asked."""
    values = np.array([np.nan if v is None else v for v in values], dtype=float)
    missing = np.isnan(values)
    assert missing_bin or not missing.any()
    counts = np.bincount(np.digitize(values[~missing], cuts, right=True), minlength=len(cuts) + 1)
    if missing_bin:
        counts = np.append(counts, missing.sum())
    return counts


def smooth(counts):
    k = len(counts)
    return (counts / counts.sum() + EPS) / (1 + k * EPS)


def psi(b, c):
    return float(np.sum((c - b) * np.log(c / b)))


def numeric_case(name, baseline, current, binning="quantile", bins=10, missing_bin=False):
    present = np.array([v for v in baseline if v is not None], dtype=float)
    cuts = cuts_for(present, binning, bins)
    bc, cc = counts_for(baseline, cuts, missing_bin), counts_for(current, cuts, missing_bin)
    bs, cs = smooth(bc), smooth(cc)
    return {
        "name": name,
        "binning": binning,
        "bins": bins,
        "missingBin": missing_bin,
        "baseline": baseline,
        "current": current,
        "edges": cuts.tolist(),
        "baselineCounts": bc.tolist(),
        "currentCounts": cc.tolist(),
        "baselineShares": bs.tolist(),
        "currentShares": cs.tolist(),
        "psi": psi(bs, cs),
    }


def r4(a):
    return [round(float(x), 4) for x in a]


numeric = []
base, cur = r4(rng.normal(0, 1, 1000)), r4(rng.normal(0.3, 1.2, 800))
numeric.append(numeric_case("shifted normal, quantile bins", base, cur))
numeric.append(numeric_case("shifted normal, fixed-width bins", base, cur, binning="fixed-width"))

# Fixed-width bins 1..9 on [0, 10]: the baseline has a gap over (4, 6], the current batch
# nothing below 3 -- empty bins on both sides, which only smoothing keeps finite.
base = [0.0, 10.0] + r4(rng.uniform(0, 4, 150)) + r4(rng.uniform(6, 10, 150))
cur = r4(rng.uniform(3, 9.5, 300))
case = numeric_case("empty bins on both sides", base, cur, binning="fixed-width")
assert 0 in case["baselineCounts"] and 0 in case["currentCounts"]
numeric.append(case)

# Few distinct values: the deciles repeat, so the cuts deduplicate to fewer bins; many values
# sit exactly on a cut, which the right-closed convention puts in the lower bin.
base = [float(x) for x in rng.poisson(1.2, 500)]
cur = [float(x) for x in rng.poisson(1.6, 400)]
case = numeric_case("repeated values, deduplicated cuts", base, cur)
assert len(case["edges"]) < 9
assert any(v in case["edges"] for v in base)
numeric.append(case)

# A numeric feature with missing values: one extra bin for them.
base = r4(rng.normal(5, 2, 300)) + [None] * 20
cur = r4(rng.normal(5.2, 2, 280)) + [None] * 60
rng.shuffle(base)
rng.shuffle(cur)
numeric.append(numeric_case("missing values in their own bin", base, cur, missing_bin=True))


def categorical_case(name, baseline, current, max_levels=50):
    counts = {}
    for v in baseline:
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    levels = [lv for lv, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:max_levels]

    def count(values):
        out = np.zeros(len(levels) + 2, dtype=int)
        for v in values:
            if v is None:
                out[-1] += 1
            elif v in levels:
                out[levels.index(v)] += 1
            else:
                out[-2] += 1
        return out

    bc, cc = count(baseline), count(current)
    bs, cs = smooth(bc), smooth(cc)
    return {
        "name": name,
        "maxLevels": max_levels,
        "baseline": baseline,
        "current": current,
        "levels": levels,
        "baselineCounts": bc.tolist(),
        "currentCounts": cc.tolist(),
        "baselineShares": bs.tolist(),
        "currentShares": cs.tolist(),
        "psi": psi(bs, cs),
    }


def levels(choices, p, n, missing):
    values = [str(v) for v in rng.choice(choices, n, p=p)] + [None] * missing
    rng.shuffle(values)
    return values


categorical = [
    categorical_case(
        "unseen level and missing values",
        levels(["a", "b", "c"], [0.5, 0.3, 0.2], 400, 10),
        levels(["a", "b", "c", "d"], [0.3, 0.3, 0.2, 0.2], 300, 30),
    ),
    categorical_case(
        "rare levels folded into other",
        levels(["p", "q", "r", "s", "t"], [0.4, 0.3, 0.2, 0.06, 0.04], 500, 0),
        levels(["p", "q", "r", "s", "t"], [0.3, 0.3, 0.2, 0.1, 0.1], 400, 5),
        max_levels=3,
    ),
]

# Embeddings: 2,000 x 4 baseline, 1,000 x 4 current with dimension 2 shifted. Values have 2
# decimals in the file (keeping it small; ties at the cuts are welcome) and are read as float32
# (as Kindred stores embeddings) on both sides.
emb_b = np.round(rng.normal(0, 1, (2000, 4)), 2)
emb_c = np.round(rng.normal(0, 1, (1000, 4)), 2)
emb_c[:, 2] = np.round(emb_c[:, 2] + 0.8, 2)
f32_b = emb_b.astype(np.float32).astype(np.float64)
f32_c = emb_c.astype(np.float32).astype(np.float64)
dims = []
for d in range(4):
    cuts = cuts_for(f32_b[:, d], "quantile", 10)
    bc, cc = counts_for(f32_b[:, d], cuts, False), counts_for(f32_c[:, d], cuts, False)
    dims.append(
        {
            "edges": cuts.tolist(),
            "baselineCounts": bc.tolist(),
            "currentCounts": cc.tolist(),
            "psi": psi(smooth(bc), smooth(cc)),
        }
    )
mean_b, mean_c = f32_b.mean(axis=0), f32_c.mean(axis=0)
rms = float(np.sqrt(np.mean(np.sum((f32_b - mean_b) ** 2, axis=1))))
distance = float(np.linalg.norm(mean_c - mean_b))
psis = [d["psi"] for d in dims]
assert psis[2] > 0.25 and all(p < 0.1 for i, p in enumerate(psis) if i != 2)
embedding = {
    "cols": 4,
    "baseline": emb_b.ravel().tolist(),
    "current": emb_c.ravel().tolist(),
    "dims": dims,
    "baselineCentroid": mean_b.tolist(),
    "currentCentroid": mean_c.tolist(),
    "rmsRadius": rms,
    "centroidDistance": distance,
    "centroidDistanceRelative": distance / rms,
}

# Where values equal to a cut land: np.digitize(right=True) puts them in the lower bin.
probe_cuts = [1.0, 2.0, 3.0]
probe_values = [-5.0, 1.0, 1.5, 2.0, 2.000001, 3.0, 3.5]
edge_probe = {
    "cuts": probe_cuts,
    "values": probe_values,
    "bins": np.digitize(probe_values, probe_cuts, right=True).tolist(),
}

# numpy.quantile ("linear") on awkward positions, to check the interpolation bit for bit.
qx = np.sort(np.array(r4(rng.normal(0, 3, 37))))
qp = [0.0, 0.1, 1 / 3, 0.5, 0.7, 0.9, 0.999, 1.0]
quantiles = {"sorted": qx.tolist(), "p": qp, "q": np.quantile(qx, qp).tolist()}

out = {
    "eps": EPS,
    "numeric": numeric,
    "categorical": categorical,
    "embedding": embedding,
    "edgeProbe": edge_probe,
    "quantiles": quantiles,
}
path = os.path.join(HERE, "psi-numpy.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print(f"{path}: {os.path.getsize(path)} bytes")
print("numeric", [round(c["psi"], 4) for c in numeric])
print("categorical", [round(c["psi"], 4) for c in categorical])
print("embedding", [round(p, 4) for p in psis], round(distance, 4), round(distance / rms, 4))
