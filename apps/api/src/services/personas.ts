import type { DatasetSchema } from "@kindred/engine/data";
import { KindredError } from "@kindred/engine/errors";
import { buildPersonas } from "@kindred/engine/persona";
import type { AppContext } from "../context.ts";
import {
  chooseK,
  latestAnalysis,
  listPersonas,
  loadLabels,
  type Persona,
  updatePersona,
} from "../store/analysis-store.ts";
import { loadRunArtifact } from "../store/artifact-store.ts";
import { getDataset, loadTable } from "../store/dataset-store.ts";
import { getRun, loadRunRows } from "../store/run-store.ts";
import { personaRow } from "./analyze-run.ts";

/** The personas of a run's latest analysis for its chosen K, with the business-rule ones. */
export async function runPersonas(
  ctx: AppContext,
  runId: string,
): Promise<{ analysisId: string; k: number; kmeans: Persona[]; rules: Persona[] }> {
  const run = await getRun(ctx.db.prisma, runId);
  const analysis = await latestAnalysis(ctx.db.prisma, run.id);
  if (!analysis) {
    throw new KindredError(
      "NOT_FOUND",
      `run ${run.id} has no analysis yet: run \`kindred analyze --run ${run.id}\``,
      {
        field: "run",
      },
    );
  }
  const k = analysis.chosenK;
  return {
    analysisId: analysis.id,
    k,
    kmeans: await listPersonas(ctx.db.prisma, analysis.id, { source: "kmeans", k }),
    rules: await listPersonas(ctx.db.prisma, analysis.id, { source: "rules" }),
  };
}

const LIMITS = { name: 80, description: 2000, strategy: 2000 } as const;

/** Rename, describe or set the strategy of a persona; empty or oversized text is refused. */
export async function editPersona(
  ctx: AppContext,
  id: string,
  edit: { name?: string; description?: string; strategy?: string },
): Promise<Persona> {
  const clean: typeof edit = {};
  for (const field of ["name", "description", "strategy"] as const) {
    const value = edit[field];
    if (value === undefined) continue;
    const text = value.trim();
    if (field === "name" && text === "") {
      throw new KindredError("INVALID_CONFIG", "a persona name cannot be empty", { field });
    }
    if (text.length > LIMITS[field]) {
      throw new KindredError(
        "INVALID_CONFIG",
        `${field} is ${text.length} characters; at most ${LIMITS[field]}`,
        {
          field,
        },
      );
    }
    clean[field] = text;
  }
  if (Object.keys(clean).length === 0) {
    throw new KindredError("INVALID_CONFIG", "nothing to change: give a name, description or strategy", {
      field: "name",
    });
  }
  return updatePersona(ctx.db.prisma, id, clean);
}

/**
 * Makes K the run's current segmentation (any K of the latest sweep), building its personas from
 * the stored k-means labels the first time; personas of other K's and user edits are kept.
 */
export async function chooseRunK(
  ctx: AppContext,
  runId: string,
  k: number,
): Promise<{ analysisId: string; k: number; kmeans: Persona[]; rules: Persona[] }> {
  const prisma = ctx.db.prisma;
  const run = await getRun(prisma, runId);
  const analysis = await latestAnalysis(prisma, run.id);
  if (!analysis) {
    throw new KindredError(
      "NOT_FOUND",
      `run ${run.id} has no analysis yet: run \`kindred analyze --run ${run.id}\``,
      {
        field: "run",
      },
    );
  }
  const labels = await loadLabels(prisma, analysis.id, `kmeans:${k}`);
  if (!labels) {
    const swept = (analysis.sweep as { points: { k: number }[] }).points.map((p) => p.k);
    throw new KindredError(
      "INVALID_CONFIG",
      `K = ${k} was not in the sweep (K = ${swept[0]}..${swept.at(-1)})`,
      {
        field: "k",
      },
    );
  }
  const rows = await loadRunRows(prisma, run);
  const { table } = await loadTable(prisma, await getDataset(prisma, run.datasetId));
  const schema = await loadRunArtifact<DatasetSchema>(ctx.env.dataDir, run.artifactPath as string, "schema");
  const personas = buildPersonas(table, schema, labels, k, {
    labels: rows.labels,
    probabilities: rows.probabilities,
  });
  await chooseK(
    prisma,
    analysis.id,
    k,
    personas.map((p) => personaRow(p, k)),
  );
  ctx.caches.invalidate(run.id);
  return runPersonas(ctx, run.id);
}
