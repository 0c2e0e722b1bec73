import { KindredError } from "@kindred/engine/errors";
import type { AppContext } from "../context.ts";
import { latestAnalysis, listPersonas, type Persona, updatePersona } from "../store/analysis-store.ts";
import { getRun } from "../store/run-store.ts";

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
