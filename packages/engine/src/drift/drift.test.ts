import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isKindredError } from "../errors/index.ts";
import {
  binOf,
  categoricalPsi,
  createPsi,
  embeddingDrift,
  evaluateEmbeddingDrift,
  featureDrift,
  fitEmbeddingBaseline,
  fittedPsiFromJson,
  psi,
  psiStatus,
  quantileBinning,
} from "./index.ts";

interface Fixture {
  numeric: {
    name: string;
    baseline: (number | null)[];
    current: (number | null)[];
    edges: number[];
    psi: number;
  }[];
  categorical: { baseline: (string | null)[]; current: (string | null)[]; psi: number };
  embedding: { baseline: number[]; current: number[]; cols: number; psi: number[]; centroidDistance: number };
}
const fixture = JSON.parse(
  readFileSync(new URL("./__fixtures__/psi-numpy.json", import.meta.url), "utf8"),
) as Fixture;

describe("psi", () => {
  it("matches a hand-checked two-bin case exactly", () => {
    expect(psi([0.5, 0.5], [0.25, 0.75])).toBe((0.25 - 0.5) * Math.log(0.5) + (0.75 - 0.5) * Math.log(1.5));
  });

  it("bins right-closed with open ends (numpy searchsorted 'left')", () => {
    expect([
      binOf([1, 2], 0.5),
      binOf([1, 2], 1),
      binOf([1, 2], 1.5),
      binOf([1, 2], 2),
      binOf([1, 2], 9),
    ]).toEqual([0, 0, 1, 1, 2]);
  });

  it("puts the status bands at 0.10 and 0.25", () => {
    expect([psiStatus(0.0999), psiStatus(0.1), psiStatus(0.2499), psiStatus(0.25)]).toEqual([
      "stable",
      "watch",
      "watch",
      "retrain",
    ]);
  });
});

describe("parity with numpy (psi-numpy.json)", () => {
  it.each(fixture.numeric.map((c) => [c.name, c] as const))("numeric: %s", (_, c) => {
    const fitted = createPsi({ binning: quantileBinning(10) }).fit(c.baseline);
    expect(fitted.edges).toHaveLength(c.edges.length);
    fitted.edges.forEach((e, i) => {
      expect(e).toBeCloseTo(c.edges[i] as number, 9);
    });
    expect(fitted.evaluate(c.current).psi).toBeCloseTo(c.psi, 9);
  });

  it("categorical with an unseen level and missing values", () => {
    const { baseline, current, psi: expected } = fixture.categorical;
    expect(categoricalPsi(baseline, current).psi).toBeCloseTo(expected, 9);
  });

  it("embedding: the shifted dimension is flagged, the others stable", () => {
    const e = fixture.embedding;
    const points = (data: number[]) => ({
      data: Float32Array.from(data),
      rows: data.length / e.cols,
      cols: e.cols,
    });
    const report = embeddingDrift(points(e.baseline), points(e.current));
    report.dims.forEach((d, i) => {
      expect(d.psi).toBeCloseTo(e.psi[i] as number, 4);
    });
    expect(report.flagged).toEqual([2]);
    expect(report.maxPsi).toBeCloseTo(Math.max(...e.psi), 4);
    expect(report.centroidDistance).toBeCloseTo(e.centroidDistance, 5);
  });
});

describe("frozen baselines and errors", () => {
  it("a stored baseline evaluates later batches identically", () => {
    const c = fixture.numeric[0]!;
    const fitted = createPsi().fit(c.baseline);
    const restored = fittedPsiFromJson(JSON.parse(JSON.stringify(fitted.toJSON())));
    expect(restored.evaluate(c.current)).toEqual(fitted.evaluate(c.current));
    const e = fixture.embedding;
    const baseline = { data: Float32Array.from(e.baseline), rows: e.baseline.length / 4, cols: 4 };
    const current = { data: Float32Array.from(e.current), rows: e.current.length / 4, cols: 4 };
    const frozen = JSON.parse(JSON.stringify(fitEmbeddingBaseline(baseline)));
    expect(evaluateEmbeddingDrift(frozen, current)).toEqual(embeddingDrift(baseline, current));
  });

  it("refuses mismatched dimensions, empty sets and unknown features", () => {
    const a = { data: new Float32Array(8), rows: 2, cols: 4 };
    const b = { data: new Float32Array(6), rows: 2, cols: 3 };
    expect(() => embeddingDrift(a, b)).toThrow(/3 dimensions, the baseline 4/);
    expect(() => embeddingDrift(a, { data: new Float32Array(0), rows: 0, cols: 4 })).toThrow(/empty/);
    try {
      featureDrift([{ name: "x", kind: "numeric", values: [1, 2] }], []);
      expect.unreachable();
    } catch (error) {
      expect(isKindredError(error, "UNKNOWN_COLUMN")).toBe(true);
      expect((error as Error).message).toMatch(/"x"/);
    }
  });

  it("feature drift covers numeric and categorical columns", () => {
    const drift = featureDrift(
      [
        { name: "n", kind: "numeric", values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
        { name: "c", kind: "categorical", values: ["a", "a", "b", "b"] },
      ],
      [
        { name: "n", kind: "numeric", values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
        { name: "c", kind: "categorical", values: ["b", "b", "b", "b"] },
      ],
    );
    expect(drift[0]).toMatchObject({ name: "n", psi: 0, status: "stable" });
    expect(drift[1]?.status).toBe("retrain");
  });
});
