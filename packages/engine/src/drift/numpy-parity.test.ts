import { describe, expect, it } from "vitest";
import { fixture, points } from "./__fixtures__/psi-numpy.ts";
import {
  additiveSmoothing,
  createCategoricalPsi,
  createPsi,
  embeddingDrift,
  fitEmbeddingBaseline,
  fixedWidthBinning,
  quantileBinning,
} from "./index.ts";

// Everything below is compared with numbers numpy computed in make-fixtures.py from its own
// implementation of the same conventions; agreement is to rounding (≤ 1e-12), counts exactly.
const TOLERANCE = 1e-12;

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    expect(Math.abs(a - (expected[i] as number))).toBeLessThanOrEqual(TOLERANCE);
  });
}

describe("numeric PSI against numpy", () => {
  it.each(fixture.numeric.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const binning = c.binning === "quantile" ? quantileBinning(c.bins) : fixedWidthBinning(c.bins);
    const metric = createPsi({
      binning,
      smoothing: additiveSmoothing(fixture.eps),
      missingBin: c.missingBin,
    });
    const fitted = metric.fit(c.baseline);
    expectClose(fitted.edges, c.edges);
    expect(fitted.baselineCounts).toEqual(c.baselineCounts);
    expectClose(fitted.baselineShares, c.baselineShares);

    const result = fitted.evaluate(c.current);
    const counts = result.bins.map((b) => b.currentCount);
    if (result.missing) counts.push(result.missing.currentCount);
    expect(counts).toEqual(c.currentCounts);
    const shares = result.bins.map((b) => b.current);
    if (result.missing) shares.push(result.missing.current);
    expectClose(shares, c.currentShares);
    expect(Math.abs(result.psi - c.psi)).toBeLessThanOrEqual(TOLERANCE);
  });

  it("covers the cases the conventions are about", () => {
    const [quantile, , empty, repeated, missing] = fixture.numeric;
    expect(quantile?.psi).toBeGreaterThan(0.1); // shifted: watch
    // empty bins on both sides, kept finite by smoothing
    expect(empty?.baselineCounts).toContain(0);
    expect(empty?.currentCounts).toContain(0);
    expect(Number.isFinite(empty?.psi)).toBe(true);
    // repeated values: fewer than 9 cuts, and baseline values sitting exactly on a cut
    expect(repeated?.edges.length).toBeLessThan(9);
    expect(repeated?.baseline.some((v) => repeated.edges.includes(v as number))).toBe(true);
    expect(missing?.baseline).toContain(null);
  });
});

describe("categorical PSI against numpy", () => {
  it.each(fixture.categorical.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const fitted = createCategoricalPsi({
      smoothing: additiveSmoothing(fixture.eps),
      maxLevels: c.maxLevels,
    }).fit(c.baseline);
    expect(fitted.levels).toEqual(c.levels);
    expect(fitted.baselineCounts).toEqual(c.baselineCounts);
    expectClose(fitted.baselineShares, c.baselineShares);
    const result = fitted.evaluate(c.current);
    const rows = [...result.bins, result.other, result.missing];
    expect(rows.map((b) => b.currentCount)).toEqual(c.currentCounts);
    expectClose(
      rows.map((b) => b.current),
      c.currentShares,
    );
    expect(Math.abs(result.psi - c.psi)).toBeLessThanOrEqual(TOLERANCE);
  });

  it("sends the unseen level to other and null to missing", () => {
    const c = fixture.categorical[0]!;
    expect(c.current).toContain("d");
    expect(c.baseline).not.toContain("d");
    const result = createCategoricalPsi().fit(c.baseline).evaluate(c.current);
    expect(result.other.baselineCount).toBe(0);
    expect(result.other.currentCount).toBe(c.current.filter((v) => v === "d").length);
    expect(result.missing.currentCount).toBe(c.current.filter((v) => v === null).length);
  });
});

describe("embedding drift against numpy", () => {
  const e = fixture.embedding;
  const baseline = points(e.baseline, e.cols);
  const current = points(e.current, e.cols);

  it("bins each dimension like numpy and flags the shifted one", () => {
    const fitted = fitEmbeddingBaseline(baseline);
    fitted.dims.forEach((dim, d) => {
      expectClose(dim.edges, e.dims[d]!.edges);
      expect(dim.baselineCounts).toEqual(e.dims[d]!.baselineCounts);
    });
    const report = embeddingDrift(baseline, current);
    expectClose(
      report.dims.map((d) => d.psi),
      e.dims.map((d) => d.psi),
    );
    expect(report.dims.map((d) => d.status)).toEqual(["stable", "stable", "retrain", "stable"]);
    expect(report.flagged).toEqual([2]);
    expect(report.watch).toEqual([]);
    expect(report.dims[2]!.psi).toBeGreaterThan(0.25);
    expect(report.status).toBe("retrain");
    expect(report.maxPsi).toBe(report.dims[2]!.psi);
    expect(Math.abs(report.meanPsi - e.dims.reduce((s, d) => s + d.psi, 0) / 4)).toBeLessThanOrEqual(
      TOLERANCE,
    );
    expect(report).toMatchObject({ baselineRows: 2000, currentRows: 1000 });
  });

  it("measures the centroid shift like numpy", () => {
    const fitted = fitEmbeddingBaseline(baseline);
    expectClose(fitted.centroid, e.baselineCentroid);
    expectClose([fitted.rmsRadius], [e.rmsRadius]);
    const report = fitted.evaluate(current);
    expectClose([report.centroidDistance], [e.centroidDistance]);
    expectClose([report.centroidDistanceRelative], [e.centroidDistanceRelative]);
  });
});
