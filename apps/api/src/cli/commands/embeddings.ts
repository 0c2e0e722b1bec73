import type { AppContext } from "../../context.ts";
import { exportEmbeddings } from "../../services/export-embeddings.ts";
import { parseCommand, required } from "../args.ts";

export const embeddingsUsage = "kindred embeddings --run <id> --out <file.csv>";

export async function embeddingsCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, { run: { type: "string" }, out: { type: "string" } });
  const result = await exportEmbeddings(ctx, {
    runId: required(values.run, "run"),
    out: required(values.out, "out"),
  });
  console.error(`wrote ${result.rows} customers × ${result.dim} embedding columns to ${result.path}`);
}
