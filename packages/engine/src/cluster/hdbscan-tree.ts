/*
 * HDBSCAN's second half, on the spanning tree: the single-linkage hierarchy, the condensed tree
 * (Campello, Moulavi & Sander 2013), cluster stabilities, cluster selection and the labelling,
 * with the semantics of the Python `hdbscan` library and scikit-learn. All arrays are O(n).
 */
import type { SpanningTree } from "./hdbscan-mst.ts";

/** Merge m joins nodes left[m] and right[m] into node n + m (points are nodes 0..n−1). */
export interface Hierarchy {
  left: Int32Array;
  right: Int32Array;
  /** Mutual reachability distance of the merge (not squared). */
  distance: Float64Array;
  /** Points under node n + m. */
  size: Int32Array;
}

/** Merges the tree's edges shortest first (equal weights in the order Prim added them). */
export function singleLinkage(tree: SpanningTree, n: number): Hierarchy {
  const merges = n - 1;
  const { from, to, weight } = tree;
  const order = Array.from({ length: merges }, (_, e) => e);
  order.sort((a, b) => (weight[a] as number) - (weight[b] as number) || a - b);
  const left = new Int32Array(merges);
  const right = new Int32Array(merges);
  const distance = new Float64Array(merges);
  const size = new Int32Array(merges);
  // Union-find over points; each root remembers the hierarchy node and size of its component.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const node = Int32Array.from({ length: n }, (_, i) => i);
  const count = new Int32Array(n).fill(1);
  const find = (x: number): number => {
    let root = x;
    while ((parent[root] as number) !== root) root = parent[root] as number;
    while ((parent[x] as number) !== root) {
      const up = parent[x] as number;
      parent[x] = root;
      x = up;
    }
    return root;
  };
  for (let m = 0; m < merges; m++) {
    const e = order[m] as number;
    let a = find(from[e] as number);
    let b = find(to[e] as number);
    left[m] = node[a] as number;
    right[m] = node[b] as number;
    distance[m] = Math.sqrt(weight[e] as number);
    const total = (count[a] as number) + (count[b] as number);
    size[m] = total;
    if ((count[a] as number) < (count[b] as number)) [a, b] = [b, a];
    parent[b] = a;
    node[a] = n + m;
    count[a] = total;
  }
  return { left, right, distance, size };
}

/**
 * The condensed tree as per-cluster and per-point arrays. Cluster 0 is the root; a cluster's id
 * is larger than its parent's, so descending ids visit children before parents.
 */
export interface CondensedTree {
  clusters: number;
  /** Parent cluster, −1 for the root. */
  parent: Int32Array;
  /** First child cluster and next sibling (−1 for none): the cluster tree as linked lists. */
  firstChild: Int32Array;
  nextSibling: Int32Array;
  /** λ at which the cluster appears (0 for the root). */
  birth: Float64Array;
  /** Largest λ among the cluster's direct children (points falling out, child clusters). */
  death: Float64Array;
  /** Σ (λ_p − λ_birth) over the cluster's points, λ_p the λ at which p leaves the cluster. */
  stability: Float64Array;
  /** Per point: the deepest cluster it belongs to, and the λ at which it falls out of it. */
  pointCluster: Int32Array;
  pointLambda: Float64Array;
}

/**
 * Condenses the hierarchy top-down. At each distance, the parts a cluster splits into are the
 * groups joined below that distance: when at least two parts have `minClusterSize` points, each
 * such part becomes a child cluster; the points of smaller parts fall out of the cluster at
 * λ = 1 / distance, and a single large part carries the cluster on.
 *
 * Merges at exactly the same distance count as one split, as in Campello et al. (the binary
 * order of tied merges is arbitrary, and the `hdbscan` library's answer depends on it); without
 * ties this is the library's condensed tree. The parts at a distance do not depend on which of
 * several equally short spanning trees was found, so neither does the result (nor on row order).
 *
 * A distance of 0 (at least minSamples duplicate rows) would give λ = ∞; it counts as the largest
 * finite λ instead, so stabilities and probabilities stay finite.
 */
export function condenseTree(hierarchy: Hierarchy, n: number, minClusterSize: number): CondensedTree {
  const { left, right, distance, size } = hierarchy;
  let smallest = Number.POSITIVE_INFINITY;
  for (let m = 0; m < n - 1; m++) {
    const dist = distance[m] as number;
    if (dist > 0 && dist < smallest) smallest = dist;
  }
  // All rows identical: no finite λ to borrow; any positive constant gives the same tree.
  const cap = smallest === Number.POSITIVE_INFINITY ? 1 : 1 / smallest;
  const sizeOf = (node: number) => (node < n ? 1 : (size[node - n] as number));

  // Every child cluster has ≥ 2 points and every split makes ≥ 2, so there are fewer than n.
  const parent = new Int32Array(n).fill(-1);
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  const birth = new Float64Array(n);
  const death = new Float64Array(n);
  const stability = new Float64Array(n);
  const pointCluster = new Int32Array(n);
  const pointLambda = new Float64Array(n);
  let clusters = 1;

  const walk = new Int32Array(2 * n); // scratch stack over hierarchy nodes
  const fallOut = (top: number, cluster: number, lambda: number) => {
    let depth = 0;
    walk[depth++] = top;
    while (depth > 0) {
      const node = walk[--depth] as number;
      if (node < n) {
        pointCluster[node] = cluster;
        pointLambda[node] = lambda;
        stability[cluster] = (stability[cluster] as number) + lambda - (birth[cluster] as number);
      } else {
        walk[depth++] = left[node - n] as number;
        walk[depth++] = right[node - n] as number;
      }
    }
    if (lambda > (death[cluster] as number)) death[cluster] = lambda;
  };

  // Pending (hierarchy node, cluster) pairs; every node pushed has ≥ minClusterSize points.
  const pendingNode: number[] = [2 * n - 2];
  const pendingCluster: number[] = [0];
  const parts: number[] = [];
  while (pendingNode.length > 0) {
    const node = pendingNode.pop() as number;
    const cluster = pendingCluster.pop() as number;
    if (node < n) {
      fallOut(node, cluster, cap); // a single row in total: the root is that point
      continue;
    }
    const dist = distance[node - n] as number;
    const lambda = dist > 0 ? 1 / dist : cap;
    // The parts: the nodes under `node` that are joined at exactly this distance.
    parts.length = 0;
    let depth = 0;
    walk[depth++] = node;
    while (depth > 0) {
      const v = walk[--depth] as number;
      if (v >= n && distance[v - n] === dist) {
        walk[depth++] = left[v - n] as number;
        walk[depth++] = right[v - n] as number;
      } else {
        parts.push(v);
      }
    }
    let large = 0;
    for (const part of parts) if (sizeOf(part) >= minClusterSize) large++;
    for (const part of parts) {
      if (sizeOf(part) < minClusterSize) {
        fallOut(part, cluster, lambda);
      } else if (large === 1) {
        pendingNode.push(part);
        pendingCluster.push(cluster);
      } else {
        const id = clusters++;
        parent[id] = cluster;
        nextSibling[id] = firstChild[cluster] as number;
        firstChild[cluster] = id;
        birth[id] = lambda;
        stability[cluster] =
          (stability[cluster] as number) + (lambda - (birth[cluster] as number)) * sizeOf(part);
        if (lambda > (death[cluster] as number)) death[cluster] = lambda;
        pendingNode.push(part);
        pendingCluster.push(id);
      }
    }
  }
  return {
    clusters,
    parent: parent.slice(0, clusters),
    firstChild: firstChild.slice(0, clusters),
    nextSibling: nextSibling.slice(0, clusters),
    birth: birth.slice(0, clusters),
    death: death.slice(0, clusters),
    stability: stability.slice(0, clusters),
    pointCluster,
    pointLambda,
  };
}

export type ClusterSelectionMethod = "eom" | "leaf";

/**
 * Which clusters of the condensed tree become the flat clustering (1 = selected).
 *
 * "eom" (excess of mass): bottom-up, a cluster is kept when its stability is at least the sum
 * of the best selections below it (ties keep the parent); a kept cluster hides everything below.
 * "leaf": the leaves of the cluster tree. The root takes part only with `allowSingleCluster`
 * (so with "leaf", only when it never splits; scikit-learn means to select it then, but its code
 * returns all noise).
 */
export function selectClusters(
  tree: CondensedTree,
  method: ClusterSelectionMethod,
  allowSingleCluster: boolean,
): Uint8Array {
  const { clusters, parent, firstChild, nextSibling, stability } = tree;
  const selected = new Uint8Array(clusters);
  const lowest = allowSingleCluster ? 0 : 1;
  if (method === "leaf") {
    for (let c = lowest; c < clusters; c++) if (firstChild[c] === -1) selected[c] = 1;
    return selected;
  }
  // keep[c]: c beats its subtree. The best stability reachable under c goes up the tree.
  const keep = new Uint8Array(clusters);
  const best = Float64Array.from(stability);
  for (let c = clusters - 1; c >= lowest; c--) {
    if (firstChild[c] === -1) {
      keep[c] = 1;
      continue;
    }
    let below = 0;
    for (let child = firstChild[c] as number; child !== -1; child = nextSibling[child] as number) {
      below += best[child] as number;
    }
    if (below > (stability[c] as number)) best[c] = below;
    else keep[c] = 1;
  }
  // Top-down: a kept cluster is selected unless a kept ancestor already covers it.
  const covered = new Uint8Array(clusters);
  for (let c = lowest; c < clusters; c++) {
    const p = parent[c] as number;
    covered[c] = p >= lowest ? (covered[p] as number) | (selected[p] as number) : 0;
    selected[c] = keep[c] === 1 && covered[c] === 0 ? 1 : 0;
  }
  return selected;
}

export interface Labelling {
  labels: Int32Array;
  probabilities: Float64Array;
  /** Stability of each output cluster, indexed by label. */
  stability: number[];
}

/**
 * Labels each point with its nearest selected ancestor cluster (−1 when there is none), numbered
 * 0..k−1 in order of their smallest row. Membership probability is λ_p / (largest λ among the
 * cluster's direct children), clipped to 1.
 *
 * When the root itself is selected, only the points still in it at its last event (λ_p ≥ the
 * root's death λ) are members and the rest is noise, as in the `hdbscan` library and
 * scikit-learn.
 */
export function labelPoints(tree: CondensedTree, selected: Uint8Array, n: number): Labelling {
  const { clusters, parent, death, pointCluster, pointLambda } = tree;
  // owner[c]: the selected cluster at or above c, −1 when none.
  const owner = new Int32Array(clusters);
  for (let c = 0; c < clusters; c++) {
    owner[c] = selected[c] === 1 ? c : c === 0 ? -1 : (owner[parent[c] as number] as number);
  }
  const labels = new Int32Array(n);
  const probabilities = new Float64Array(n);
  const labelOf = new Int32Array(clusters).fill(-1);
  const stability: number[] = [];
  for (let p = 0; p < n; p++) {
    const cluster = owner[pointCluster[p] as number] as number;
    const lambda = pointLambda[p] as number;
    const top = cluster === -1 ? 0 : (death[cluster] as number);
    if (cluster === -1 || (cluster === 0 && lambda < top)) {
      labels[p] = -1;
      continue;
    }
    if (labelOf[cluster] === -1) {
      labelOf[cluster] = stability.length;
      stability.push(tree.stability[cluster] as number);
    }
    labels[p] = labelOf[cluster] as number;
    probabilities[p] = top > 0 ? Math.min(lambda, top) / top : 1;
  }
  return { labels, probabilities, stability };
}
