import { describe, expect, it } from "vitest";
import { isKindredError, type KindredErrorCode } from "../errors/index.ts";
import { fixture, points } from "./__fixtures__/psi-numpy.ts";
import {
  embeddingBaselineFromJSON,
  embeddingDrift,
  fitEmbeddingBaseline,
  fixedWidthBinning,
} from "./index.ts";

function failure(work: () => unknown): {
  code: KindredErrorCode;
  message: string;
  field?: string;
  row?: number;
} {
  try {
    work();
  } catch (error) {
    if (isKindredError(error)) return { code: error.code, message: error.message, ...error.location };
    throw error;
  }
  throw new Error("expected a KindredError");
}

const e = fixture.embedding;
const baseline = points(e.baseline, e.cols);
const current = points(e.current, e.cols);

describe("fitEmbeddingBaseline", () => {
  it("round-trips through JSON and scores a later batch without the baseline rows", () => {
    const fitted = fitEmbeddingBaseline(baseline);
    const stored = JSON.parse(JSON.stringify(fitted.toJSON())) as unknown;
    const restored = embeddingBaselineFromJSON(stored);
    expect(restored.toJSON()).toEqual(fitted.toJSON());
    expect(restored.evaluate(current)).toEqual(embeddingDrift(baseline, current));
    expect(fitted.toJSON()).toMatchObject({ kind: "embedding-baseline", version: 1, rows: 2000, cols: 4 });
  });

  it("takes other binning strategies", () => {
    const fitted = fitEmbeddingBaseline(baseline, { binning: fixedWidthBinning(5) });
    expect(fitted.dims.map((d) => d.edges.length)).toEqual([4, 4, 4, 4]);
    expect(fitted.dims[0]!.binning).toBe("fixed-width-5");
    expect(fitted.evaluate(current).flagged).toEqual([2]);
  });

  it("gives 0 for the baseline against itself", () => {
    const report = embeddingDrift(baseline, baseline);
    expect(report.dims.map((d) => d.psi)).toEqual([0, 0, 0, 0]);
    expect(report).toMatchObject({ maxPsi: 0, meanPsi: 0, status: "stable", flagged: [], watch: [] });
    expect(report.centroidDistance).toBe(0);
    expect(report.centroidDistanceRelative).toBe(0);
  });

  it("rejects a stored baseline that does not fit", () => {
    const json = fitEmbeddingBaseline(baseline).toJSON();
    expect(failure(() => embeddingBaselineFromJSON({ ...json, version: 2 }))).toMatchObject({
      code: "ARTIFACT_MISMATCH",
      field: "embeddingBaseline.version",
    });
    expect(failure(() => embeddingBaselineFromJSON({ ...json, centroid: [0, 0] }))).toMatchObject({
      code: "ARTIFACT_MISMATCH",
      field: "embeddingBaseline.centroid",
    });
    const dims = json.dims.map((d) => ({ ...d }));
    dims[1] = { ...dims[1]!, edges: [2, 1] };
    expect(failure(() => embeddingBaselineFromJSON({ ...json, dims }))).toMatchObject({
      code: "ARTIFACT_MISMATCH",
      field: "embeddingBaseline.dims[1].edges",
    });
    expect(failure(() => embeddingBaselineFromJSON(null))).toMatchObject({ code: "ARTIFACT_MISMATCH" });
  });
});

describe("embeddingDrift errors", () => {
  const a = { data: new Float32Array(8), rows: 2, cols: 4 };

  it("names both dimension counts on a mismatch", () => {
    const b = { data: new Float32Array(6), rows: 2, cols: 3 };
    expect(failure(() => embeddingDrift(a, b))).toMatchObject({
      code: "ARTIFACT_MISMATCH",
      message: "the baseline embeddings have 4 dimensions, the current ones 3",
    });
    expect(failure(() => fitEmbeddingBaseline(a).evaluate(b))).toMatchObject({ code: "ARTIFACT_MISMATCH" });
  });

  it("refuses empty sets, wrong lengths and non-finite values", () => {
    const empty = { data: new Float32Array(0), rows: 0, cols: 4 };
    expect(failure(() => embeddingDrift(a, empty))).toMatchObject({
      code: "INVALID_CONFIG",
      message: "the current set has no rows",
    });
    expect(failure(() => embeddingDrift(empty, a))).toMatchObject({
      code: "INVALID_CONFIG",
      field: "baseline",
    });
    expect(failure(() => embeddingDrift(a, { data: new Float32Array(7), rows: 2, cols: 4 }))).toMatchObject({
      code: "INVALID_CONFIG",
      message: "current: 7 values for 2 rows × 4 dimensions",
    });
    const withNaN = Float32Array.from([0, 0, 0, 0, 0, 0, Number.NaN, 0]);
    expect(failure(() => embeddingDrift(a, { data: withNaN, rows: 2, cols: 4 }))).toMatchObject({
      code: "INVALID_CONFIG",
      message: "current: row 2, dimension 2 is NaN",
      row: 2,
    });
  });
});
