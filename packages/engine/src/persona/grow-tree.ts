import type { RuleFeature } from "./rule-features.ts";

/** One step of a path from the root: the side of a split a leaf lies on. */
export interface PathCondition {
  /** Index into the features. */
  feature: number;
  /** Numeric: "<=" = value ≤ lo, ">" = value ≥ hi (lo < hi adjacent values of the node). Levels: "=" / "!=" code. */
  op: "<=" | ">" | "=" | "!=";
  lo: number;
  hi: number;
  code: number;
  includesMissing: boolean;
}

export interface TreeLeaf {
  /** Rows in the leaf. */
  n: number;
  /** Rows of the segment in the leaf. */
  positives: number;
  conditions: PathCondition[];
}

export interface TreeOptions {
  maxDepth: number;
  minLeaf: number;
}

interface TreeNode {
  n: number;
  positives: number;
  conditions: PathCondition[];
}

/** Gini impurity of a node times its size: 2 p (n − p) / n. */
const impurity = (n: number, p: number): number => (n === 0 ? 0 : (2 * p * (n - p)) / n);

/** The best split found so far for each active node ("slot"). */
class BestSplits {
  readonly gain: Float64Array;
  readonly feature: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly code: Int32Array;
  /** 0: missing rows go right, 1: left, 2: the node has no missing rows. */
  readonly missing: Uint8Array;
  readonly leftN: Float64Array;
  readonly leftPositives: Float64Array;

  constructor(nodes: readonly TreeNode[]) {
    const size = nodes.length;
    // A split must lower the impurity by more than rounding noise.
    this.gain = Float64Array.from(nodes, (node) => 1e-12 * node.n);
    this.feature = new Int32Array(size).fill(-1);
    this.lo = new Float64Array(size);
    this.hi = new Float64Array(size);
    this.code = new Int32Array(size);
    this.missing = new Uint8Array(size);
    this.leftN = new Float64Array(size);
    this.leftPositives = new Float64Array(size);
  }
}

/**
 * Grows a one-vs-rest CART tree (Gini) level by level: at each depth every feature is scanned
 * once for all open nodes together — numeric features in their presorted order with running
 * counts per node, thresholds between adjacent distinct values, rows without a value sent to
 * whichever side is better; level features as "= level" against the rest. A node is split when
 * both children keep ≥ minLeaf rows and the impurity drops. Ties go to the earlier feature and
 * the lower threshold, so the tree is deterministic.
 */
export function growTree(
  features: readonly RuleFeature[],
  target: Uint8Array,
  options: TreeOptions,
): TreeLeaf[] {
  const { maxDepth, minLeaf } = options;
  const rowCount = target.length;
  let positives = 0;
  for (let r = 0; r < rowCount; r++) positives += target[r]!;
  const nodes: TreeNode[] = [{ n: rowCount, positives, conditions: [] }];
  const nodeOf = new Int32Array(rowCount);
  const leaves: TreeLeaf[] = [];
  const splittable = (node: TreeNode) =>
    node.n >= 2 * minLeaf && node.positives > 0 && node.positives < node.n;
  if (!splittable(nodes[0]!)) return [{ n: rowCount, positives, conditions: [] }];
  let active = [0];

  for (let depth = 0; depth < maxDepth && active.length > 0; depth++) {
    const open = active.map((id) => nodes[id]!);
    const slotOf = new Int32Array(nodes.length).fill(-1);
    for (const [slot, id] of active.entries()) slotOf[id] = slot;
    // One small read per row in the scans: 2 × slot + target, or −1 for rows of settled nodes.
    const rowCode = new Int16Array(rowCount);
    for (let r = 0; r < rowCount; r++) {
      const slot = slotOf[nodeOf[r]!]!;
      rowCode[r] = slot < 0 ? -1 : 2 * slot + target[r]!;
    }
    const best = new BestSplits(open);
    for (const [f, feature] of features.entries()) {
      if (feature.type === "numeric") scanNumeric(f, feature, open, rowCode, minLeaf, best);
      else scanLevels(f, feature, open, rowCode, minLeaf, best);
    }
    // Children of the nodes that split; the others become leaves.
    const left = new Int32Array(open.length).fill(-1);
    const next: number[] = [];
    for (const [slot, node] of open.entries()) {
      const f = best.feature[slot]!;
      if (f < 0) {
        leaves.push(node);
        continue;
      }
      const [leftCondition, rightCondition] = childConditions(f, features[f]!, best, slot);
      const leftNode: TreeNode = {
        n: best.leftN[slot]!,
        positives: best.leftPositives[slot]!,
        conditions: [...node.conditions, leftCondition],
      };
      const rightNode: TreeNode = {
        n: node.n - leftNode.n,
        positives: node.positives - leftNode.positives,
        conditions: [...node.conditions, rightCondition],
      };
      left[slot] = nodes.length;
      nodes.push(leftNode, rightNode);
      for (const id of [left[slot]!, left[slot]! + 1]) {
        if (depth + 1 < maxDepth && splittable(nodes[id]!)) next.push(id);
        else leaves.push(nodes[id]!);
      }
    }
    // Move each row of a split node to its child.
    for (let r = 0; r < rowCount; r++) {
      const slot = slotOf[nodeOf[r]!]!;
      if (slot < 0 || left[slot]! < 0) continue;
      nodeOf[r] = goesLeft(features[best.feature[slot]!]!, best, slot, r) ? left[slot]! : left[slot]! + 1;
    }
    active = next;
  }
  return leaves.map((node) => ({ n: node.n, positives: node.positives, conditions: node.conditions }));
}

function goesLeft(feature: RuleFeature, best: BestSplits, slot: number, r: number): boolean {
  if (feature.type === "levels") return feature.codes[r] === best.code[slot];
  const v = feature.values[r]!;
  return Number.isNaN(v) ? best.missing[slot] === 1 : v <= best.lo[slot]!;
}

function childConditions(
  f: number,
  feature: RuleFeature,
  best: BestSplits,
  slot: number,
): [PathCondition, PathCondition] {
  const lo = best.lo[slot]!;
  const hi = best.hi[slot]!;
  const code = best.code[slot]!;
  if (feature.type === "levels") {
    return [
      { feature: f, op: "=", lo, hi, code, includesMissing: false },
      { feature: f, op: "!=", lo, hi, code, includesMissing: true },
    ];
  }
  const missing = best.missing[slot]!;
  return [
    { feature: f, op: "<=", lo, hi, code, includesMissing: missing === 1 },
    { feature: f, op: ">", lo, hi, code, includesMissing: missing === 0 },
  ];
}

function scanNumeric(
  f: number,
  feature: Extract<RuleFeature, { type: "numeric" }>,
  open: readonly TreeNode[],
  rowCode: Int16Array,
  minLeaf: number,
  best: BestSplits,
): void {
  const slots = open.length;
  const missingN = new Float64Array(slots);
  const missingP = new Float64Array(slots);
  for (const r of feature.missingRows) {
    const code = rowCode[r]!;
    if (code < 0) continue;
    missingN[code >> 1]! += 1;
    missingP[code >> 1]! += code & 1;
  }
  const count = new Float64Array(slots);
  const countP = new Float64Array(slots);
  const last = new Float64Array(slots);
  const nodeN = Float64Array.from(open, (node) => node.n);
  const nodeP = Float64Array.from(open, (node) => node.positives);
  const parent = Float64Array.from(open, (node) => impurity(node.n, node.positives));
  const { sorted, order } = feature;

  for (let i = 0; i < order.length; i++) {
    const code = rowCode[order[i]!]!;
    if (code < 0) continue;
    const slot = code >> 1;
    const v = sorted[i]!;
    const n = count[slot]!;
    if (n > 0 && v !== last[slot]) {
      // A split between last (left: value ≤ last) and v. Rows without a value go right
      // (side 0) or left (side 1); side 2: the node has none.
      const m = missingN[slot]!;
      const all = nodeN[slot]!;
      const firstSide = m === 0 ? 2 : 0;
      const lastSide = m === 0 ? 2 : 1;
      for (let side = firstSide; side <= lastSide; side++) {
        const leftN = side === 1 ? n + m : n;
        const rightN = all - leftN;
        if (leftN < minLeaf || rightN < minLeaf) continue;
        const leftP = side === 1 ? countP[slot]! + missingP[slot]! : countP[slot]!;
        const rightP = nodeP[slot]! - leftP;
        const gain =
          parent[slot]! - (2 * leftP * (leftN - leftP)) / leftN - (2 * rightP * (rightN - rightP)) / rightN;
        if (gain > best.gain[slot]!) {
          best.gain[slot] = gain;
          best.feature[slot] = f;
          best.lo[slot] = last[slot]!;
          best.hi[slot] = v;
          best.missing[slot] = side;
          best.leftN[slot] = leftN;
          best.leftPositives[slot] = leftP;
        }
      }
    }
    count[slot] = n + 1;
    countP[slot]! += code & 1;
    last[slot] = v;
  }
}

function scanLevels(
  f: number,
  feature: Extract<RuleFeature, { type: "levels" }>,
  open: readonly TreeNode[],
  rowCode: Int16Array,
  minLeaf: number,
  best: BestSplits,
): void {
  const L = feature.levels.length;
  const slots = open.length;
  const count = new Float64Array(slots * L);
  const countP = new Float64Array(slots * L);
  const { codes } = feature;
  for (let r = 0; r < codes.length; r++) {
    const level = codes[r]!;
    const code = rowCode[r]!;
    if (level < 0 || code < 0) continue;
    count[(code >> 1) * L + level]! += 1;
    countP[(code >> 1) * L + level]! += code & 1;
  }
  for (let slot = 0; slot < slots; slot++) {
    const node = open[slot]!;
    const parent = impurity(node.n, node.positives);
    for (let code = 0; code < L; code++) {
      const n = count[slot * L + code]!;
      if (n < minLeaf || node.n - n < minLeaf) continue;
      const p = countP[slot * L + code]!;
      const gain = parent - impurity(n, p) - impurity(node.n - n, node.positives - p);
      if (gain > best.gain[slot]!) {
        best.gain[slot] = gain;
        best.feature[slot] = f;
        best.code[slot] = code;
        best.leftN[slot] = n;
        best.leftPositives[slot] = p;
      }
    }
  }
}
