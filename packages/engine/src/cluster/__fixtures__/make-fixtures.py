"""Reference values from scikit-learn for the cluster module's tests.

Run with Debian's Python (scikit-learn 1.2, NumPy):
    /usr/bin/python3 packages/engine/src/cluster/__fixtures__/make-fixtures.py
Writes cluster-sklearn.json beside this file. Inputs are rounded to 6 decimals and every
reference value is computed on the rounded inputs, so the TypeScript side reads exactly the
same numbers (up to Float32 storage).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import davies_bouldin_score, silhouette_score


def rounded(x):
    return np.round(np.asarray(x, dtype=np.float64), 6)


def label_inertia(x, labels):
    total = 0.0
    for c in np.unique(labels):
        members = x[labels == c]
        total += float(((members - members.mean(axis=0)) ** 2).sum())
    return total


def metric_case(name, x, labels):
    x = rounded(x)
    labels = np.asarray(labels, dtype=np.int64)
    return {
        "name": name,
        "rows": int(x.shape[0]),
        "cols": int(x.shape[1]),
        "data": x.ravel().tolist(),
        "labels": labels.tolist(),
        "silhouette": float(silhouette_score(x, labels)),
        "daviesBouldin": float(davies_bouldin_score(x, labels)),
        "inertia": label_inertia(x, labels),
    }


def kmeans_case(name, x, k, tolerance):
    x = rounded(x)
    model = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
    return {
        "name": name,
        "rows": int(x.shape[0]),
        "cols": int(x.shape[1]),
        "data": x.ravel().tolist(),
        "k": k,
        "inertia": float(model.inertia_),
        "relativeTolerance": tolerance,
    }


rng = np.random.default_rng(7)

# 300 × 8, four blobs, labels = the generating blobs.
blobs, blob_labels = make_blobs(n_samples=300, n_features=8, centers=4, cluster_std=1.5, random_state=0)

# 500 × 32, five unequal clusters (200/150/90/45/15), overlapping; 8 % of labels shuffled so the
# labelling is not the best one.
sizes = [200, 150, 90, 45, 15]
centres = rng.normal(0, 1.2, size=(5, 32))
wide = np.vstack([centres[c] + rng.normal(0, 1.0, size=(n, 32)) for c, n in enumerate(sizes)])
wide_labels = np.repeat(np.arange(5), sizes)
flip = rng.choice(len(wide_labels), size=40, replace=False)
wide_labels[flip] = rng.integers(0, 5, size=40)

# 60 × 4 with a singleton cluster (label 3) and exact duplicate rows.
small, small_labels = make_blobs(n_samples=59, n_features=4, centers=3, cluster_std=0.8, random_state=3)
small = np.vstack([small, [[9.0, -9.0, 9.0, -9.0]]])
small[5] = small[6]
small_labels = np.append(small_labels, 3)

# K-means: well separated (one optimum) and overlapping (many local optima).
separated, _ = make_blobs(n_samples=300, n_features=4, centers=5, cluster_std=0.4, random_state=1)
overlapping, _ = make_blobs(n_samples=400, n_features=6, centers=6, cluster_std=2.5, random_state=2)

fixture = {
    "generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}",
    "metrics": [
        metric_case("blobs 300 × 8", blobs, blob_labels),
        metric_case("unequal 500 × 32, noisy labels", wide, wide_labels),
        metric_case("singleton cluster and duplicates, 60 × 4", small, small_labels),
    ],
    "kmeans": [
        kmeans_case("well separated 300 × 4, k = 5", separated, 5, 1e-4),
        kmeans_case("overlapping 400 × 6, k = 8", overlapping, 8, 0.02),
    ],
}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cluster-sklearn.json")
with open(path, "w") as out:
    json.dump(fixture, out, separators=(",", ":"))
    out.write("\n")
print(f"wrote {path} ({os.path.getsize(path):,} bytes)")
for case in fixture["metrics"]:
    print(case["name"], case["silhouette"], case["daviesBouldin"], case["inertia"])
for case in fixture["kmeans"]:
    print(case["name"], case["inertia"])
