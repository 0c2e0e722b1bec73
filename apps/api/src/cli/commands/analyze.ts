import { readFile } from "node:fs/promises";
import { KindredError } from "@kindred/engine/errors";
import type { AppContext } from "../../context.ts";
import { type AnalyzeSummary, analyzeStoredRun } from "../../services/analyze-run.ts";
import { integer, parseCommand, required } from "../args.ts";
import { formatMetric, printJson } from "../output.ts";
import { ProgressBar } from "../progress-bar.ts";

export const analyzeUsage =
  "kindred analyze --run <id> [--k-min 2] [--k-max 14] [--segments rules.json] [--against oot2] [--sample 10000] [--perplexity 30] [--no-tsne] [--no-umap] [--no-density] [--min-cluster-size n] [--seed n] [--json]";

const STAGES = ["sweep", "pca", "tsne", "umap", "density", "personas", "drift", "business"];

export async function analyzeCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, {
    run: { type: "string" },
    "k-min": { type: "string" },
    "k-max": { type: "string" },
    segments: { type: "string" },
    against: { type: "string" },
    sample: { type: "string" },
    perplexity: { type: "string" },
    "no-tsne": { type: "boolean" },
    "no-umap": { type: "boolean" },
    "no-density": { type: "boolean" },
    "min-cluster-size": { type: "string" },
    seed: { type: "string" },
    json: { type: "boolean" },
  });
  const runId = required(values.run, "run");
  const business = values.segments ? await readJsonFile(values.segments) : undefined;
  const bar = new ProgressBar();
  const summary = await analyzeStoredRun(ctx, {
    runId,
    kMin: integer(values["k-min"], "k-min"),
    kMax: integer(values["k-max"], "k-max"),
    seed: integer(values.seed, "seed"),
    sampleSize: integer(values.sample, "sample"),
    perplexity: values.perplexity === undefined ? undefined : Number(values.perplexity),
    tsne: values["no-tsne"] ? false : undefined,
    umap: values["no-umap"] ? false : undefined,
    density: values["no-density"] ? false : undefined,
    minClusterSize: integer(values["min-cluster-size"], "min-cluster-size"),
    driftAgainst: values.against,
    business: business as never,
    onProgress: (stage, share) => {
      const index = STAGES.indexOf(stage);
      bar.update((index + share) / STAGES.length, stage);
    },
  });
  bar.done();
  if (values.json) return printJson(summary);
  printSummary(summary);
}

function printDensity(d: NonNullable<AnalyzeSummary["density"]>): void {
  console.log(
    `density clusters (HDBSCAN on the ${d.on === "umap" ? "UMAP map" : "embeddings"} of ${d.rows} sampled rows, min cluster size ${d.minClusterSize}): ` +
      `${d.clusterCount} clusters, noise ${(d.noiseShare * 100).toFixed(1)} % (${d.noiseCount} rows); ` +
      `agreement with k-means K = ${d.k}: adjusted Rand index ${d.agreementWithKMeans.toFixed(3)}`,
  );
  console.table(
    d.clusters.map((c) => ({
      cluster: c.cluster === -1 ? "noise" : c.cluster,
      rows: c.size,
      share: `${(c.share * 100).toFixed(1)} %`,
      conversion: formatMetric(c.conversionRate),
    })),
  );
}

async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new KindredError(
      "INVALID_CONFIG",
      `segments file "${path}" is not readable JSON: ${(error as Error).message}`,
      {
        field: "segments",
      },
    );
  }
}

function printSummary(s: AnalyzeSummary): void {
  console.log(`analysis ${s.analysisId} of run ${s.runId}`);
  console.table(
    s.sweep.map((p) => ({
      K: p.k,
      inertia: Math.round(p.inertia),
      silhouette: `${formatMetric(p.silhouette)}${p.silhouetteExact ? "" : " (sampled)"}`,
      "Davies–Bouldin": formatMetric(p.daviesBouldin),
    })),
  );
  const silhouette = s.sweep.find((p) => p.k === s.recommendedK)?.silhouette ?? 0;
  console.log(
    `recommended K = ${s.recommendedK} (elbow ${s.elbowK ?? "none"}, best silhouette at ${s.silhouetteK}: ${s.agreement}) — ${s.note}`,
  );
  console.log(
    `silhouette ${silhouette.toFixed(3)} (threshold > ${s.thresholds.silhouette}: ${silhouette > s.thresholds.silhouette ? "met" : "NOT met"}); ` +
      `first two principal components ${(s.pca.firstTwo * 100).toFixed(1)} % of variance (threshold > ${s.thresholds.pcaFirstTwo * 100} %: ${s.pca.firstTwo > s.thresholds.pcaFirstTwo ? "met" : "NOT met"})`,
  );
  if (s.psi) {
    console.log(
      `drift of ${s.psi.against} against training rows: max PSI ${s.psi.maxPsi.toFixed(3)} (${s.psi.status})` +
        (s.psi.flagged.length ? `; dimensions over 0.25: ${s.psi.flagged.join(", ")}` : ""),
    );
  }
  console.table(
    s.personas.map((p) => ({
      persona: p.name,
      share: `${(p.share * 100).toFixed(1)} %`,
      conversion: formatMetric(p.conversionRate),
      id: p.id,
    })),
  );
  if (s.density) printDensity(s.density);
  if (s.businessPersonas.length) {
    console.log("business-rule personas");
    console.table(
      s.businessPersonas.map((p) => ({
        persona: p.name,
        share: `${(p.share * 100).toFixed(1)} %`,
        conversion: formatMetric(p.conversionRate),
      })),
    );
  }
  if (s.comparison) {
    console.log(
      `k-means vs business-rule personas: adjusted Rand index ${s.comparison.adjustedRandIndex.toFixed(3)}; largest overlaps:`,
    );
    console.table(
      [...s.comparison.table]
        .sort((a, b) => b.count - a.count)
        .slice(0, 8)
        .map((row) => ({
          "k-means": row.a,
          "business rule": row.b,
          customers: row.count,
          "share of k-means persona": `${(row.shareOfA * 100).toFixed(1)} %`,
        })),
    );
  }
}
