import { KindredError } from "@kindred/engine/errors";
import type { LookalikeStrategy } from "@kindred/engine/lookalike";
import type { AppContext } from "../../context.ts";
import { exportTargetList, type LookalikeInput, runLookalike } from "../../services/lookalike.ts";
import { integer, parseCommand, required } from "../args.ts";
import { parseFilterArg, readIdsFile } from "../filter-arg.ts";
import { formatMetric, printJson } from "../output.ts";

export const lookalikeUsage =
  "kindred lookalike --run <id> [--seeds label=1|<ids.csv>] [--candidates label=0] [--exclude ids.csv] [--strategy centroid|best|sum|per-seed] [--limit n] [--blend w] [--space mlp] [--no-eval] [--json]";
export const exportUsage = `kindred export --out list.csv ${lookalikeUsage.replace("kindred lookalike ", "").replace(" [--json]", "")}`;

const OPTIONS = {
  run: { type: "string" },
  seeds: { type: "string" },
  candidates: { type: "string" },
  exclude: { type: "string" },
  strategy: { type: "string" },
  limit: { type: "string" },
  blend: { type: "string" },
  space: { type: "string" },
  "no-eval": { type: "boolean" },
  json: { type: "boolean" },
  out: { type: "string" },
} as const;

const STRATEGIES: readonly LookalikeStrategy[] = ["centroid", "best", "sum", "per-seed"];

async function readInput(argv: string[], allowOut: boolean): Promise<LookalikeInput & { out?: string }> {
  const { values } = parseCommand(argv, OPTIONS);
  if (values.out && !allowOut) {
    throw new KindredError("INVALID_CONFIG", "--out belongs to `kindred export`", { field: "out" });
  }
  const strategy = (values.strategy ?? "centroid") as LookalikeStrategy;
  if (!STRATEGIES.includes(strategy)) {
    throw new KindredError(
      "INVALID_CONFIG",
      `--strategy must be one of ${STRATEGIES.join(", ")}, got "${strategy}"`,
      {
        field: "strategy",
      },
    );
  }
  const seedsArg = values.seeds ?? "label=1";
  const seeds = /[=<>]/.test(seedsArg)
    ? { filter: parseFilterArg(seedsArg, "seeds") }
    : { customerIds: await readIdsFile(seedsArg, "seeds") };
  const blend = values.blend === undefined ? undefined : Number(values.blend);
  if (blend !== undefined && !(blend >= 0 && blend <= 1)) {
    throw new KindredError("INVALID_CONFIG", `--blend must be between 0 and 1, got "${values.blend}"`, {
      field: "blend",
    });
  }
  const limit = integer(values.limit, "limit");
  if (limit !== undefined && limit < 1) {
    throw new KindredError("INVALID_CONFIG", `--limit must be at least 1, got ${limit}`, { field: "limit" });
  }
  return {
    runId: required(values.run, "run"),
    seeds,
    candidates: values.candidates ? parseFilterArg(values.candidates, "candidates") : undefined,
    exclude: values.exclude ? await readIdsFile(values.exclude, "exclude") : undefined,
    strategy,
    limit,
    blend,
    space: values.space,
    evaluate: !values["no-eval"],
    ...(values.out ? { out: values.out } : {}),
  };
}

export async function lookalikeCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const input = await readInput(argv, false);
  const summary = await runLookalike(ctx, input);
  if (argv.includes("--json")) return printJson(summary);
  console.log(
    `${summary.strategy}: ${summary.seeds} seeds${summary.missingSeeds.length ? `, ${summary.missingSeeds.length} unknown ids (${summary.missingSeeds.slice(0, 5).join(", ")})` : ""}`,
  );
  console.table(
    summary.results.slice(0, 20).map((r) => ({
      customer: r.customerId,
      similarity: formatMetric(r.similarity, 4),
      probability: formatMetric(r.probability),
      score: formatMetric(r.score, 4),
    })),
  );
  if (summary.evaluation) {
    const e = summary.evaluation;
    console.log(
      `held-out seeds: ${e.hiddenSeeds}; recall@${e.k} ${formatMetric(e.recallAtK)}; lift over random ${formatMetric(e.lift, 2)}`,
    );
  }
}

export async function exportCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const input = await readInput(argv, true);
  const out = required(input.out, "out");
  const result = await exportTargetList(ctx, { ...input, out });
  if (argv.includes("--json")) return printJson({ rows: result.rows, path: result.path });
  console.error(`wrote a target list of ${result.rows} customers to ${result.path}`);
}
