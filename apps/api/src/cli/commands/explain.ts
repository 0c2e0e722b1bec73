import type { AppContext } from "../../context.ts";
import { explainCustomers, explainRun } from "../../services/explain-run.ts";
import { integer, list, parseCommand, required } from "../args.ts";
import { EXPLAIN_OPTIONS, explainFlagsUsage, explainSettings } from "../explain-settings.ts";
import { formatMetric, printJson } from "../output.ts";
import { ProgressBar } from "../progress-bar.ts";

export const explainUsage = `kindred explain --run <id> [--sample 500 | --customers id1,id2] ${explainFlagsUsage} [--json]`;

/** Global importance from a sample (stored), or one customer's contributions (computed now). */
export async function explainCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, {
    run: { type: "string" },
    sample: { type: "string" },
    customers: { type: "string" },
    json: { type: "boolean" },
    ...EXPLAIN_OPTIONS,
  });
  const runId = required(values.run, "run");
  const settings = explainSettings(values);
  const customers = list(values.customers);
  if (customers) {
    const explanations = await explainCustomers(ctx, { runId, customerIds: customers, settings });
    if (values.json) return printJson(explanations);
    for (const e of explanations) {
      console.log(
        `customer ${e.customerId}: probability ${formatMetric(e.probability)} = base ${formatMetric(e.baseValue)} + Σ SHAP (${e.method})`,
      );
      console.table(
        e.contributions.map((c) => ({ feature: c.feature, value: c.value, shap: formatMetric(c.shap, 4) })),
      );
    }
    return;
  }
  const bar = new ProgressBar();
  const summary = await explainRun(ctx, {
    runId,
    sample: integer(values.sample, "sample"),
    settings,
    onProgress: (share, stage) => bar.update(share, stage),
  });
  bar.done();
  if (values.json) return printJson(summary);
  console.log(
    `explanation ${summary.explanationId}: ${summary.rows} customers, ${summary.method} SHAP` +
      `${summary.permutations ? ` (${summary.permutations} permutations)` : ""}, background ${summary.background.size} rows (${summary.background.method}); base value ${formatMetric(summary.baseValue)}`,
  );
  console.table(
    summary.importance.map((f) => ({
      feature: f.feature,
      "mean |SHAP|": formatMetric(f.meanAbs, 4),
      "mean SHAP": formatMetric(f.mean, 4),
    })),
  );
  console.log(
    `${summary.evaluations.toLocaleString("en")} model evaluations in ${(summary.timings.shapMs / 1000).toFixed(1)} s`,
  );
}
