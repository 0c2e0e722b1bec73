"""scikit-learn baseline for measure-sweep.script.ts: the same K = 2..14 sweep with
KMeans(n_init=3, k-means++) and silhouette_score on a 10,000-row sample.

    npx tsx packages/engine/src/cluster/measure-sweep.script.ts --dump /tmp/points.f32
    /usr/bin/python3 packages/engine/src/cluster/measure-sweep-sklearn.py /tmp/points.f32
"""
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

points = np.fromfile(sys.argv[1], dtype=np.float32).reshape(-1, 32)
k_means_seconds = silhouette_seconds = 0.0
for k in range(2, 15):
    started = time.time()
    model = KMeans(n_clusters=k, n_init=3, random_state=0).fit(points)
    fitted = time.time()
    score = silhouette_score(points, model.labels_, sample_size=10_000, random_state=0)
    k_means_seconds += fitted - started
    silhouette_seconds += time.time() - fitted
    print(f"{k:2d}  inertia {model.inertia_:.4e}  silhouette {score:.4f}  iterations {model.n_iter_}", flush=True)
total = k_means_seconds + silhouette_seconds
print(f"scikit-learn sweep: {total:.2f} s (k-means {k_means_seconds:.2f} s, silhouette {silhouette_seconds:.2f} s)")
