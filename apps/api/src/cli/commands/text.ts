import { basename } from "node:path";
import type { AppContext } from "../../context.ts";
import { embedRunText } from "../../services/text-embeddings.ts";
import { parseCommand, required } from "../args.ts";
import { formatMetric, printJson } from "../output.ts";
import { ProgressBar } from "../progress-bar.ts";

export const textUsage =
  "kindred text --run <id> [--dictionary dictionary.csv|workbook.xlsx] [--sheet name] [--model name|folder] [--json]";

/** Embeds a run's customers as text (a second vector space) and compares List A in both spaces. */
export async function textCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, {
    run: { type: "string" },
    dictionary: { type: "string" },
    sheet: { type: "string" },
    model: { type: "string" },
    json: { type: "boolean" },
  });
  const bar = new ProgressBar();
  const summary = await embedRunText(ctx, {
    runId: required(values.run, "run"),
    ...(values.dictionary
      ? {
          dictionary: { path: values.dictionary, filename: basename(values.dictionary), sheet: values.sheet },
        }
      : {}),
    ...(values.model ? { model: values.model } : {}),
    onProgress: (share, stage) => bar.update(share, stage),
  });
  bar.done();
  if (values.json) return printJson(summary);
  console.log(
    `text space of run ${summary.runId}: ${summary.rows} customers, ${summary.dim} numbers each (${summary.model})`,
  );
  console.log(`first customer as text: ${summary.sample}`);
  const c = summary.comparison;
  if (c) {
    console.log(
      `List A (each buyer's nearest non-buyer): ${c.mlp} customers in the MLP space, ${c.text} in the text space, ${c.overlap} in both (Jaccard ${formatMetric(c.jaccard)})`,
    );
  }
  console.log(`now: kindred lookalike --run ${summary.runId} --space text`);
}
