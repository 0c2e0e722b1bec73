import { describe, expect, it } from "vitest";
import { isKindredError, type KindredErrorCode } from "../errors/index.ts";
import { fixture } from "./__fixtures__/psi-numpy.ts";
import {
  type FeatureColumn,
  featureBaselineFromJSON,
  featureDrift,
  fitFeatureBaseline,
  fixedWidthBinning,
  noSmoothing,
} from "./index.ts";

function failure(work: () => unknown): { code: KindredErrorCode; message: string; column?: string } {
  try {
    work();
  } catch (error) {
    if (isKindredError(error)) return { code: error.code, message: error.message, ...error.location };
    throw error;
  }
  throw new Error("expected a KindredError");
}

const numeric = fixture.numeric.find((c) => c.missingBin)!;
const categorical = fixture.categorical[0]!;
const baseline: FeatureColumn[] = [
  { name: "spend", kind: "numeric", values: numeric.baseline },
  { name: "region", kind: "categorical", values: categorical.baseline },
];
const current: FeatureColumn[] = [
  { name: "region", kind: "categorical", values: categorical.current },
  { name: "spend", kind: "numeric", values: numeric.current },
  { name: "extra", kind: "numeric", values: [1, 2, 3] },
];

describe("featureDrift", () => {
  it("gives numpy's PSI per feature, in baseline order, ignoring extra columns", () => {
    const drift = featureDrift(baseline, current);
    expect(drift.map((d) => [d.name, d.kind, d.status])).toEqual([
      ["spend", "numeric", "watch"],
      ["region", "categorical", "retrain"],
    ]);
    expect(Math.abs(drift[0]!.psi - numeric.psi)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(drift[1]!.psi - categorical.psi)).toBeLessThanOrEqual(1e-12);
  });

  it("round-trips a fitted baseline through JSON", () => {
    const fitted = fitFeatureBaseline(baseline);
    const restored = featureBaselineFromJSON(JSON.parse(JSON.stringify(fitted.toJSON())));
    expect(restored.toJSON()).toEqual(fitted.toJSON());
    expect(restored.evaluate(current)).toEqual(featureDrift(baseline, current));
  });

  it("passes binning, smoothing and maxLevels options on", () => {
    const fitted = fitFeatureBaseline(baseline, { binning: fixedWidthBinning(4), maxLevels: 1 });
    const [spend, region] = fitted.features;
    expect(spend?.kind === "numeric" && spend.metric.binning).toBe("fixed-width-4");
    expect(region?.kind === "categorical" && region.metric.levels).toEqual(["a"]);
    const raw = featureDrift(baseline, current, { smoothing: noSmoothing() });
    expect(raw[1]!.psi).toBe(Number.POSITIVE_INFINITY); // unseen level "d": other bin empty in the baseline
  });

  it("compares missingness even when the baseline has no numbers", () => {
    const drift = featureDrift(
      [{ name: "n", kind: "numeric", values: [null, null, null, null] }],
      [{ name: "n", kind: "numeric", values: [null, null, 5, 6] }],
    );
    expect(drift[0]!.status).toBe("retrain");
  });

  it("names the feature a batch lacks, or whose kind changed", () => {
    expect(failure(() => featureDrift(baseline, current.slice(0, 1)))).toEqual({
      code: "UNKNOWN_COLUMN",
      message: 'the current set has no feature "spend"',
      column: "spend",
    });
    const retyped: FeatureColumn[] = [
      { name: "region", kind: "numeric", values: [1] },
      { name: "spend", kind: "numeric", values: [1] },
    ];
    expect(failure(() => featureDrift(baseline, retyped))).toMatchObject({
      code: "ARTIFACT_MISMATCH",
      column: "region",
    });
  });

  it("names the feature in errors about its values", () => {
    const empty: FeatureColumn[] = [
      { name: "spend", kind: "numeric", values: [] },
      { name: "region", kind: "categorical", values: ["a"] },
    ];
    expect(failure(() => featureDrift(baseline, empty))).toMatchObject({
      code: "INVALID_CONFIG",
      message: 'feature "spend": the current set has no values',
      column: "spend",
    });
    expect(failure(() => featureDrift([...baseline, baseline[0]!], current))).toMatchObject({
      code: "INVALID_CONFIG",
      column: "spend",
    });
    const oddKind = [{ name: "when", kind: "date", values: [] }] as unknown as FeatureColumn[];
    expect(failure(() => featureDrift(oddKind, oddKind))).toMatchObject({
      code: "INVALID_CONFIG",
      message: 'feature "when": kind is date, expected numeric or categorical',
      column: "when",
    });
    const bad = JSON.parse(JSON.stringify(fitFeatureBaseline(baseline).toJSON()));
    bad.features[0].kind = "text";
    expect(failure(() => featureBaselineFromJSON(bad))).toMatchObject({ code: "ARTIFACT_MISMATCH" });
  });
});
