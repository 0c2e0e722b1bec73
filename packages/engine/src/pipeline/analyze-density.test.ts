import { describe, expect, it } from "vitest";
import { inferSchema, type RawTable } from "../data/index.ts";
import { isKindredError, type KindredError } from "../errors/index.ts";
import { sampleRows } from "../project/index.ts";
import { createRng, shuffleInPlace } from "../random/index.ts";
import { adjustedRandIndex } from "../segment/index.ts";
import { type AnalyzeConfig, type AnalyzeInput, analyzeRun, DEFAULT_ANALYZE_CONFIG } from "./index.ts";

/**
 * Three obvious blobs in 2-D — A (40 rows at 0,0), B (50 at 12,0), C (30 at 0,20) — and 8 lone
 * rows far from everything, in shuffled row order. Conversions by hand: every 4th row of A
 * (10/40 = 0.25), every 5th of B (10/50 = 0.2), every 2nd of C (15/30 = 0.5), the first 3 of
 * the lone rows (3/8 = 0.375).
 */
const BLOBS = [
  { name: "A", size: 40, x: 0, y: 0, converts: (i: number) => i % 4 === 0 },
  { name: "B", size: 50, x: 12, y: 0, converts: (i: number) => i % 5 === 0 },
  { name: "C", size: 30, x: 0, y: 20, converts: (i: number) => i % 2 === 0 },
];
const LONE = [
  [40, 40],
  [-40, 35],
  [45, -30],
  [-35, -40],
  [70, 5],
  [-70, 0],
  [5, 60],
  [10, -60],
];

function blobsWithNoise(): { input: AnalyzeInput; group: string[] } {
  const rng = createRng(5);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const rows: { x: number; y: number; group: string; bought: boolean }[] = [];
  for (const blob of BLOBS) {
    for (let i = 0; i < blob.size; i++) {
      rows.push({
        x: blob.x + 0.5 * gauss(),
        y: blob.y + 0.5 * gauss(),
        group: blob.name,
        bought: blob.converts(i),
      });
    }
  }
  LONE.forEach(([x, y], i) => {
    rows.push({ x: x as number, y: y as number, group: "noise", bought: i < 3 });
  });
  shuffleInPlace(rows, rng);
  const table: RawTable = {
    header: ["spend", "bought"],
    columns: [rows.map((r) => (r.x + r.y).toFixed(2)), rows.map((r) => (r.bought ? "yes" : "no"))],
    rowCount: rows.length,
  };
  return {
    input: {
      embeddings: { data: Float32Array.from(rows.flatMap((r) => [r.x, r.y])), rows: rows.length, cols: 2 },
      table,
      schema: inferSchema(table, { target: "bought" }),
      splits: rows.map(() => "train"),
      labels: Uint8Array.from(rows, (r) => (r.bought ? 1 : 0)),
    },
    group: rows.map((r) => r.group),
  };
}

const quick: AnalyzeConfig = { ...DEFAULT_ANALYZE_CONFIG, kMin: 2, kMax: 5, tsne: false, umap: false };

async function failure(promise: Promise<unknown>): Promise<KindredError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isKindredError(error)) throw new Error(`expected a KindredError, got ${String(error)}`);
  return error;
}

describe("analyzeRun density clusters (HDBSCAN)", () => {
  const { input, group } = blobsWithNoise();
  const n = input.table.rowCount;

  it("finds the three blobs on the embeddings and keeps the lone rows apart as noise", async () => {
    const stages: string[] = [];
    const out = await analyzeRun(input, quick, (stage) => stages.push(stage));
    const density = out.density;
    if (!density) throw new Error("expected density clusters");
    expect(density.on).toBe("embeddings");
    expect(density.minClusterSize).toBe(15); // max(15, 1 % of 128 rows)
    expect(density.rowIndices).toEqual(Int32Array.from({ length: n }, (_, r) => r));
    expect(density.clusterCount).toBe(3);
    expect(density.noiseCount).toBe(8);
    expect(density.noiseShare).toBeCloseTo(8 / 128, 12);
    // Exactly the lone rows are noise; each blob is one cluster.
    const noiseRows = [...density.labels.keys()].filter((i) => density.labels[i] === -1);
    expect(noiseRows.map((i) => group[i])).toEqual(Array(8).fill("noise"));
    for (const blob of BLOBS) {
      const labels = new Set([...density.labels].filter((_, i) => group[i] === blob.name));
      expect(labels.size, blob.name).toBe(1);
    }

    // Clusters by label, then the noise; sizes, shares and conversions as counted by hand.
    expect(density.clusters.map((c) => c.cluster)).toEqual([0, 1, 2, -1]);
    const bySize = [...density.clusters].sort((a, b) => a.size - b.size);
    expect(bySize.map((c) => [c.size, c.conversionRate])).toEqual([
      [8, 0.375],
      [30, 0.5],
      [40, 0.25],
      [50, 0.2],
    ]);
    expect(density.clusters.at(-1)).toEqual({ cluster: -1, size: 8, share: 8 / 128, conversionRate: 0.375 });
    expect(density.clusters.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);

    // Agreement with the recommended K's k-means labels, noise as its own group.
    expect(density.k).toBe(out.sweep.recommendedK);
    const kmeans = out.labelsByK.get(out.sweep.recommendedK) as Int32Array;
    expect(density.agreementWithKMeans).toBeCloseTo(
      adjustedRandIndex(
        Array.from(density.labels, (l) => l + 1),
        kmeans,
      ),
      12,
    );
    expect(density.agreementWithKMeans).toBeGreaterThan(0.8);

    expect(stages).toContain("density");
    expect(stages.indexOf("density")).toBeLessThan(stages.indexOf("personas"));
    expect(out.timings.densityMs).toBeGreaterThanOrEqual(0);
  });

  it("with a larger minClusterSize, the smallest blob falls out as noise too", async () => {
    const out = await analyzeRun(input, { ...quick, minClusterSize: 35 });
    expect(out.density?.minClusterSize).toBe(35);
    expect(out.density?.clusterCount).toBe(2);
    expect(out.density?.noiseCount).toBe(38); // C's 30 rows and the 8 lone ones
    expect(out.density?.clusters.at(-1)).toMatchObject({ cluster: -1, size: 38, conversionRate: 18 / 38 });
  });

  it("clusters the sample rows only, and the UMAP map when it is computed", async () => {
    const sampled = await analyzeRun(input, { ...quick, sampleSize: 100 });
    expect(sampled.density?.rowIndices).toEqual(Int32Array.from(sampleRows(n, 100, quick.seed)));
    expect(sampled.density?.labels).toHaveLength(100);
    expect(sampled.density?.clusters.reduce((s, c) => s + c.size, 0)).toBe(100);

    const mapped = await analyzeRun(input, { ...quick, umap: true });
    const umap = mapped.projections.find((p) => p.method === "umap");
    expect(mapped.density?.on).toBe("umap");
    expect(mapped.density?.rowIndices).toEqual(umap?.rowIndices);
    expect(mapped.density?.clusterCount).toBeGreaterThanOrEqual(3);
  });

  it("is skipped when switched off or when there are too few rows for the default size", async () => {
    const stages: string[] = [];
    const off = await analyzeRun(input, { ...quick, density: false }, (stage) => stages.push(stage));
    expect(off.density).toBeNull();
    expect(stages).not.toContain("density");
    expect(off.timings.densityMs).toBeUndefined();

    const few = 12;
    const small: AnalyzeInput = {
      ...input,
      embeddings: { data: input.embeddings.data.slice(0, few * 2), rows: few, cols: 2 },
      table: { ...input.table, columns: input.table.columns.map((c) => c.slice(0, few)), rowCount: few },
      splits: input.splits.slice(0, few),
      labels: input.labels?.slice(0, few),
    };
    expect((await analyzeRun(small, { ...quick, kMax: 3 })).density).toBeNull();
  });

  it("refuses a bad minClusterSize before any work", async () => {
    for (const minClusterSize of [1, 2.5, 200]) {
      const stages: string[] = [];
      const error = await failure(
        analyzeRun(input, { ...quick, minClusterSize }, (stage) => stages.push(stage)),
      );
      expect(error.code).toBe("INVALID_CONFIG");
      expect(error.location.field).toBe("minClusterSize");
      expect(stages).toEqual([]);
    }
    // Ignored when density clusters are off.
    expect((await analyzeRun(input, { ...quick, density: false, minClusterSize: 1 })).density).toBeNull();
  });
});
