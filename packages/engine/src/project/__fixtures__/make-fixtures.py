"""Reference values for packages/engine/src/project (PCA and Barnes–Hut t-SNE).

Run with Debian's interpreter (scikit-learn 1.2 + numpy), from the repository root:

    /usr/bin/python3 packages/engine/src/project/__fixtures__/make-fixtures.py

Writes project-sklearn.json next to this file. Inputs are rounded to 6 decimals and stored so;
the TypeScript side holds them as Float32 (Points.data), so every reference value is computed on
exactly those Float32 values (widened back to Float64): both sides see the same numbers.
"""

import json
import os

import numpy as np
import sklearn
from sklearn.datasets import make_blobs
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE
from sklearn.manifold._t_sne import _joint_probabilities_nn, _kl_divergence_bh
from sklearn.neighbors import NearestNeighbors

HERE = os.path.dirname(os.path.abspath(__file__))


def rounded(values, decimals=6):
    return np.round(np.asarray(values, dtype=np.float64), decimals)


def as_float32(values):
    """The values a Float32Array holds, as Float64 (scikit-learn then computes in Float64)."""
    return np.asarray(values, dtype=np.float32).astype(np.float64)


def flat(values):
    return [float(v) for v in np.asarray(values, dtype=np.float64).ravel()]


def pca_case():
    # 400 × 32 with correlated columns: 5 latent factors, uneven loadings and column scales.
    rng = np.random.RandomState(7)
    latent = rng.standard_normal((400, 5)) * np.array([3.0, 2.0, 1.5, 1.0, 0.5])
    loadings = rng.standard_normal((5, 32))
    scales = rng.uniform(0.5, 2.0, size=32)
    X = (latent @ loadings + 0.3 * rng.standard_normal((400, 32))) * scales + rng.uniform(-2, 2, 32)
    X = rounded(X)
    model = PCA().fit(as_float32(X))
    return {
        "rows": X.shape[0],
        "cols": X.shape[1],
        "data": flat(X),
        "explainedVarianceRatio": flat(model.explained_variance_ratio_),
        "explainedVariance": flat(model.explained_variance_),
        "mean": flat(model.mean_),
        "components": flat(model.components_[:2]),
    }


def tsne_case():
    # 500 × 10, four Gaussian blobs.
    X, labels = make_blobs(n_samples=500, n_features=10, centers=4, cluster_std=1.5, random_state=3)
    X = rounded(X)
    X32 = as_float32(X)
    n = X.shape[0]
    perplexity = 30.0
    kl = {}
    iters = {}
    embeddings = {}
    for init in ("random", "pca"):
        model = TSNE(
            n_components=2,
            perplexity=perplexity,
            init=init,
            learning_rate="auto",
            random_state=0,
            method="barnes_hut",
            angle=0.5,
            n_iter=1000,
        )
        embeddings[init] = model.fit_transform(X32)
        kl[init] = float(model.kl_divergence_)
        iters[init] = int(model.n_iter_)

    # The joint probabilities P exactly as TSNE builds them (k = min(n − 1, 3·perplexity + 1)).
    k = min(n - 1, int(3.0 * perplexity + 1))
    distances = NearestNeighbors(n_neighbors=k).fit(X32).kneighbors_graph(mode="distance")
    distances.data **= 2
    P = _joint_probabilities_nn(distances, perplexity, 0)
    row_sums = np.asarray(P.sum(axis=1)).ravel()

    # One objective evaluation (error and gradient) at half scikit-learn's final PCA-initialised
    # embedding (off the optimum, so the gradient is far from zero), rounded to 6 decimals, with
    # θ = 0.5 (Barnes–Hut) and θ = 0 (exact).
    Y64 = rounded(0.5 * embeddings["pca"])
    Y = Y64.astype(np.float32)
    gradient = {}
    error = {}
    for angle in (0.5, 0.0):
        e, g = _kl_divergence_bh(Y.ravel().copy(), P, 1, n, 2, angle=angle, compute_error=True)
        key = "bh" if angle > 0 else "exact"
        gradient[key] = [float("%.7g" % v) for v in g]
        error[key] = float(e)
    return {
        "rows": n,
        "cols": X.shape[1],
        "data": flat(X),
        "labels": [int(v) for v in labels],
        "perplexity": perplexity,
        "klDivergence": kl,
        "nIter": iters,
        "pRowSums": flat(np.round(row_sums, 12)),
        "pNonZeros": int(P.nnz),
        "embedding": flat(Y64),
        "gradient": gradient,
        "error": error,
    }


def main():
    fixture = {
        "generator": "make-fixtures.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "pca": pca_case(),
        "tsne": tsne_case(),
    }
    path = os.path.join(HERE, "project-sklearn.json")
    with open(path, "w") as handle:
        json.dump(fixture, handle, separators=(",", ":"))
        handle.write("\n")
    print(path, os.path.getsize(path), "bytes")
    print("t-SNE kl_divergence_", fixture["tsne"]["klDivergence"], "n_iter_", fixture["tsne"]["nIter"])


if __name__ == "__main__":
    main()
