import type { Matrix } from "../model/index.ts";
import type { FeatureGroup, Predictor } from "./types.ts";
import { checkPredictions } from "./validate.ts";

/** Above this many features, coalition keys are strings instead of 31-bit masks. */
const MASK_FEATURES = 30;

/**
 * The value of a coalition S of features for one explained row x under the interventional
 * definition: v(S) = Σ_b w_b · f(x_S, b_rest), features in S taken from x and the others from
 * each background row b.
 *
 * Two things keep the model calls few and large. A hybrid row depends only on S ∩ D_b, where D_b
 * are the features on which x and b differ (a customer often shares most categories with a
 * background row), so each distinct hybrid is scored once: S ∩ D_b = ∅ is b itself and
 * S ∩ D_b = D_b is x itself, both known already. And all distinct hybrids of a row are scored in
 * batches of up to `batchRows` rows per predictor call.
 */
export class CoalitionValues {
  /** Rows scored by the predictor so far. */
  evaluations = 0;
  private readonly colGroup: Int32Array;
  private readonly cols: number;
  private readonly groups: FeatureGroup[];
  private readonly buffer: Float32Array;
  private readonly batchRows: number;
  /** f(b) for every background row, once `baseValue` ran. */
  private backgroundOutputs: Float64Array = new Float64Array(0);

  constructor(
    private readonly predictor: Predictor,
    groups: FeatureGroup[],
    private readonly background: Matrix,
    private readonly weights: Float64Array,
    batchRows: number,
  ) {
    this.groups = groups;
    this.cols = background.cols;
    this.colGroup = new Int32Array(this.cols);
    for (const [g, group] of groups.entries()) this.colGroup.fill(g, group.start, group.end);
    this.batchRows = Math.max(1, batchRows);
    this.buffer = new Float32Array(this.batchRows * this.cols);
  }

  /** The predictor's output for every row of `x`, in float64. */
  predict(x: Matrix): Float64Array {
    if (x.rows === 0) return new Float64Array(0);
    const out = this.predictor(x);
    checkPredictions(out, x.rows);
    this.evaluations += x.rows;
    return Float64Array.from(out);
  }

  /** Weighted mean output over the background rows: v(∅), the base value. */
  baseValue(): number {
    this.backgroundOutputs = this.predict(this.background);
    let sum = 0;
    for (let b = 0; b < this.background.rows; b++) {
      sum += (this.weights[b] as number) * (this.backgroundOutputs[b] as number);
    }
    return sum;
  }

  /**
   * v(S) for `count` coalitions given as memberships (count × features, 1 = taken from x), for
   * the explained row `x` (one encoded row) whose own output is `prediction`.
   */
  values(
    x: Float32Array,
    prediction: number,
    memberships: Uint8Array,
    count: number,
    features: number,
  ): Float64Array {
    const bgRows = this.background.rows;
    // Per (coalition, background row): −1 = f(b), −2 = f(x), else the index of a distinct hybrid.
    const refs = new Int32Array(count * bgRows);
    const hybridCoalition: number[] = [];
    const hybridBackground: number[] = [];
    const differs = new Uint8Array(features);
    for (let b = 0; b < bgRows; b++) {
      const differing = this.differingFeatures(x, b, differs);
      const seen = new Map<number | string, number>();
      for (let c = 0; c < count; c++) {
        const member = c * features;
        let inside = 0;
        let mask = 0;
        let text = "";
        for (let f = 0; f < features; f++) {
          if (differs[f] === 1 && memberships[member + f] === 1) {
            inside++;
            if (features <= MASK_FEATURES) mask |= 1 << f;
            else text += `${f},`;
          }
        }
        let ref: number;
        if (inside === 0) ref = -1;
        else if (inside === differing) ref = -2;
        else {
          const key = features <= MASK_FEATURES ? mask : text;
          const known = seen.get(key);
          if (known === undefined) {
            ref = hybridCoalition.length;
            seen.set(key, ref);
            hybridCoalition.push(c);
            hybridBackground.push(b);
          } else ref = known;
        }
        refs[c * bgRows + b] = ref;
      }
    }
    const outputs = this.scoreHybrids(x, memberships, features, hybridCoalition, hybridBackground);
    const result = new Float64Array(count);
    for (let c = 0; c < count; c++) {
      let sum = 0;
      for (let b = 0; b < bgRows; b++) {
        const ref = refs[c * bgRows + b] as number;
        const out =
          ref === -1
            ? (this.backgroundOutputs[b] as number)
            : ref === -2
              ? prediction
              : (outputs[ref] as number);
        sum += (this.weights[b] as number) * out;
      }
      result[c] = sum;
    }
    return result;
  }

  /** Marks the features whose encoded columns differ between x and background row b; returns their count. */
  private differingFeatures(x: Float32Array, b: number, differs: Uint8Array): number {
    const row = b * this.cols;
    const bg = this.background.data;
    let count = 0;
    this.groups.forEach((group, f) => {
      let same = true;
      for (let col = group.start; col < group.end && same; col++) same = x[col] === bg[row + col];
      differs[f] = same ? 0 : 1;
      if (!same) count++;
    });
    return count;
  }

  /** Scores the distinct hybrid rows in batches of up to `batchRows`. */
  private scoreHybrids(
    x: Float32Array,
    memberships: Uint8Array,
    features: number,
    coalitions: number[],
    backgrounds: number[],
  ): Float64Array {
    const { cols, colGroup, buffer } = this;
    const bg = this.background.data;
    const outputs = new Float64Array(coalitions.length);
    for (let first = 0; first < coalitions.length; first += this.batchRows) {
      const last = Math.min(coalitions.length, first + this.batchRows);
      for (let h = first; h < last; h++) {
        const member = (coalitions[h] as number) * features;
        const source = (backgrounds[h] as number) * cols;
        const offset = (h - first) * cols;
        for (let col = 0; col < cols; col++) {
          buffer[offset + col] =
            memberships[member + (colGroup[col] as number)] === 1
              ? (x[col] as number)
              : (bg[source + col] as number);
        }
      }
      const rows = last - first;
      outputs.set(this.predict({ data: buffer.subarray(0, rows * cols), rows, cols }), first);
    }
    return outputs;
  }
}
