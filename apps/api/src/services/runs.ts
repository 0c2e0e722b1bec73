import { KindredError } from "@kindred/engine/errors";
import type { EpochLog } from "@kindred/engine/model";
import type { AppContext } from "../context.ts";
import { getRun, type Run } from "../store/run-store.ts";
import { openRunIndex } from "./run-index.ts";

export type SplitName = "train" | "val" | "oot1" | "oot2" | "test";
export type Measure = "auc" | "ks";

const SPLITS: readonly SplitName[] = ["train", "val", "oot1", "oot2", "test"];

interface StoredMetrics {
  n: number;
  positives?: number;
  auc?: number | null;
  ks?: number | null;
  reconstructionError?: number;
}

/** A run's metrics per split, in split order. */
export function runMetrics(run: Run) {
  const metrics = (run.metrics ?? {}) as Partial<Record<SplitName, StoredMetrics>>;
  return SPLITS.flatMap((split) => {
    const m = metrics[split];
    if (!m) return [];
    return [
      {
        split,
        n: m.n,
        positives: m.positives ?? null,
        auc: finite(m.auc),
        ks: finite(m.ks),
        reconstructionError: finite(m.reconstructionError),
      },
    ];
  });
}

/** ROC points per split (KS is the largest tpr − fpr) and the training history. */
export function runCurves(run: Run) {
  const curves = (run.curves ?? {}) as {
    roc?: Partial<Record<SplitName, { fpr: number[]; tpr: number[]; thresholds: (number | null)[] }>>;
    history?: EpochLog[];
  };
  const metrics = (run.metrics ?? {}) as Partial<Record<SplitName, StoredMetrics>>;
  return {
    roc: SPLITS.flatMap((split) => {
      const curve = curves.roc?.[split];
      if (!curve) return [];
      return [
        {
          split,
          auc: finite(metrics[split]?.auc),
          points: curve.fpr.map((fpr, i) => ({
            fpr,
            tpr: curve.tpr[i] as number,
            threshold: finite(curve.thresholds[i]),
          })),
        },
      ];
    }),
    history: curves.history ?? [],
  };
}

export function listRunsPage(
  ctx: AppContext,
  filter: { datasetId?: string; status?: Run["status"] },
  page: { limit: number; offset: number },
) {
  const prisma = ctx.db.prisma;
  const where = {
    ...(filter.datasetId ? { datasetId: filter.datasetId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
  return Promise.all([
    prisma.run.findMany({ where, orderBy: { createdAt: "desc" }, take: page.limit, skip: page.offset }),
    prisma.run.count({ where }),
  ]).then(([items, total]) => ({ items, total }));
}

/** The runs side by side: every split × measure that any of them has, with the best run marked. */
export async function compareRuns(ctx: AppContext, ids: string[]) {
  if (ids.length === 0 || ids.length > 20) {
    throw new KindredError("INVALID_CONFIG", `compare 1 to 20 runs, got ${ids.length}`, { field: "ids" });
  }
  const runs = await Promise.all(ids.map((id) => getRun(ctx.db.prisma, id)));
  const metrics = runs.map(runMetrics);
  const rows = SPLITS.flatMap((split) =>
    (["auc", "ks"] as const).flatMap((measure) => {
      const values = metrics.map((m) => m.find((s) => s.split === split)?.[measure] ?? null);
      if (values.every((v) => v === null)) return [];
      let best: number | null = null;
      values.forEach((v, i) => {
        if (v !== null && (best === null || v > (values[best] as number))) best = i;
      });
      return [{ split, measure, values, best }];
    }),
  );
  return { runs, rows };
}

/** The succeeded run of a dataset with the highest value of `measure` on `split` (ties: newest). */
export async function bestRun(ctx: AppContext, datasetId: string, split: SplitName, measure: Measure) {
  const runs = await ctx.db.prisma.run.findMany({
    where: { datasetId, status: "succeeded" },
    orderBy: { createdAt: "desc" },
  });
  let best: Run | null = null;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (const run of runs) {
    const value = runMetrics(run).find((m) => m.split === split)?.[measure];
    if (value !== null && value !== undefined && value > bestValue) {
      best = run;
      bestValue = value;
    }
  }
  return best;
}

/**
 * Makes a succeeded run its dataset's active run. Its vector index is completed first (and, on
 * Qdrant, the dataset alias switched), so the active run is never a half-indexed one.
 */
export async function activateRun(ctx: AppContext, runId: string): Promise<Run> {
  const prisma = ctx.db.prisma;
  const run = await getRun(prisma, runId);
  if (run.status !== "succeeded") {
    throw new KindredError("CONFLICT", `run ${run.id} is ${run.status}: only a succeeded run can be active`, {
      field: "id",
    });
  }
  await openRunIndex(ctx, run);
  await prisma.dataset.update({ where: { id: run.datasetId }, data: { activeRunId: run.id } });
  return run;
}

function finite(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
