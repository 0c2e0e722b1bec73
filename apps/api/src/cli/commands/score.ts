import type { AppContext } from "../../context.ts";
import { scoreBatch } from "../../services/score-batch.ts";
import { parseCommand, required } from "../args.ts";
import { printJson } from "../output.ts";
import { ProgressBar } from "../progress-bar.ts";

export const scoreUsage = "kindred score --run <id> --data new.csv [--out scored.csv] [--json]";

export async function scoreCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, {
    run: { type: "string" },
    data: { type: "string" },
    out: { type: "string" },
    json: { type: "boolean" },
  });
  const bar = new ProgressBar();
  const result = await scoreBatch(ctx, {
    runId: required(values.run, "run"),
    path: required(values.data, "data"),
    out: values.out,
    onProgress: (share, stage) => bar.update(share, stage),
  });
  bar.done();
  if (values.json) return printJson(result);
  console.log(`scored ${result.rows} rows${result.out ? ` → ${result.out}` : ""}`);
  if (result.extraColumns.length)
    console.log(`ignored columns the run does not use: ${result.extraColumns.join(", ")}`);
  const { drift } = result;
  console.log(
    `drift against the training rows: max PSI ${drift.maxPsi.toFixed(3)} (${drift.status})` +
      (drift.flaggedDims.length ? `, dimensions over 0.25: ${drift.flaggedDims.join(", ")}` : "") +
      `, centroid distance ${drift.centroidDistance.toFixed(3)} — report ${drift.reportId}`,
  );
  if (result.personas) {
    const assigned = result.personas.assigned.map((p) => `${p.name} ${p.customers}`).join(", ");
    console.log(
      `personas refreshed with the batch (centres moved ${result.personas.moved.toFixed(3)}): ${assigned}`,
    );
  }
}
