import type { AppContext } from "../../context.ts";
import { readOverridesFile } from "../../services/config-files.ts";
import { importDataset } from "../../services/import-dataset.ts";
import { list, parseCommand } from "../args.ts";
import { printJson } from "../output.ts";
import { ProgressBar } from "../progress-bar.ts";

export const importUsage =
  "kindred import <csv> [--name n] [--target col] [--positive value] [--id-column col] [--time-column col] [--drop a,b] [--overrides file.json] [--json]";

export async function importCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    argv,
    {
      name: { type: "string" },
      target: { type: "string" },
      positive: { type: "string" },
      "id-column": { type: "string" },
      "time-column": { type: "string" },
      drop: { type: "string" },
      overrides: { type: "string" },
      json: { type: "boolean" },
    },
    1,
  );
  const path = positionals[0];
  if (!path) throw new Error(`usage: ${importUsage}`);
  const overrides = values.overrides ? await readOverridesFile(values.overrides) : undefined;
  const bar = new ProgressBar();
  const { dataset, schema } = await importDataset(ctx, {
    overrides,
    path,
    name: values.name,
    target: values.target,
    positiveValue: values.positive,
    idColumn: values["id-column"],
    timeColumn: values["time-column"],
    drop: list(values.drop),
    onProgress: (share) => bar.update(share, "reading"),
  });
  bar.done();
  const summary = {
    datasetId: dataset.id,
    name: dataset.name,
    rows: dataset.rowCount,
    columns: schema.columns.map((c) => ({
      name: c.name,
      kind: c.kind,
      role: c.role,
      missingShare: Number(c.stats.missingShare.toFixed(4)),
      distinct: c.stats.distinct,
      ...(c.sentinels.length ? { sentinels: c.sentinels } : {}),
    })),
    target: schema.target ?? null,
    idColumn: schema.idColumn ?? null,
  };
  if (values.json) return printJson(summary);
  console.log(`imported "${dataset.name}" (${dataset.id}): ${dataset.rowCount} rows`);
  console.table(summary.columns);
}
