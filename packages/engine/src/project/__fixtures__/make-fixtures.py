# PCA and t-SNE references from scikit-learn 1.2 (Debian's /usr/bin/python3).
#   /usr/bin/python3 packages/engine/src/project/__fixtures__/make-fixtures.py
import json
import numpy as np
from sklearn.datasets import make_blobs
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE

rng = np.random.RandomState(3)
latent = rng.normal(size=(400, 5))
mix = rng.normal(size=(5, 32))
X_pca = np.round(latent @ mix + 0.3 * rng.normal(size=(400, 32)), 6)
pca = PCA().fit(X_pca)

X_tsne, y_tsne = make_blobs(n_samples=500, n_features=10, centers=4, cluster_std=2.0, random_state=1)
X_tsne = np.round(X_tsne, 6)
kls = [float(TSNE(n_components=2, perplexity=30, init="pca", learning_rate="auto", random_state=s,
                  method="barnes_hut").fit(X_tsne).kl_divergence_) for s in range(3)]

with open("packages/engine/src/project/__fixtures__/project-sklearn.json", "w") as f:
    json.dump({
        "pca": {"data": X_pca.ravel().tolist(), "rows": 400, "cols": 32,
                "explainedVarianceRatio": pca.explained_variance_ratio_.tolist(),
                "components": pca.components_[:2].tolist()},
        "tsne": {"data": X_tsne.ravel().tolist(), "rows": 500, "cols": 10, "labels": y_tsne.tolist(),
                 "klDivergence": float(np.mean(kls)), "klBySeed": kls},
    }, f)
print("pca first two", pca.explained_variance_ratio_[:2].sum(), "tsne KL", kls)
