import type { AppContext } from "../../context.ts";
import { listDatasets } from "../../store/dataset-store.ts";
import { listRuns } from "../../store/run-store.ts";
import { parseCommand } from "../args.ts";
import { printJson } from "../output.ts";

export async function datasetsCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, { json: { type: "boolean" } });
  const rows = (await listDatasets(ctx.db.prisma)).map((d) => ({
    id: d.id,
    name: d.name,
    source: d.source,
    rows: d.rowCount,
    columns: d.columnCount,
    created: d.createdAt.toISOString(),
  }));
  if (values.json) return printJson(rows);
  console.table(rows);
}

export async function runsCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, { json: { type: "boolean" }, dataset: { type: "string" } });
  const rows = (await listRuns(ctx.db.prisma, values.dataset)).map((r) => ({
    id: r.id,
    dataset: r.datasetId,
    kind: r.kind,
    status: r.status,
    progress: r.progress,
    error: r.errorMessage ?? "",
    created: r.createdAt.toISOString(),
  }));
  if (values.json) return printJson(rows);
  console.table(rows);
}
