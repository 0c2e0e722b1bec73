import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { KindredError } from "@kindred/engine/errors";
import type { AppContext } from "../../context.ts";
import { parseCommand } from "../args.ts";
import { trainCommand } from "./train.ts";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../..");
const DEMOS = resolve(REPO_ROOT, "apps/api/demo");

interface DemoConfig {
  description: string;
  /** Relative to the repository root. */
  data: string;
  target?: string;
  idColumn?: string;
  drop?: string[];
  split?: "oot" | "random";
}

/** The quick start's main job: import a sample dataset and train a run on it. */
export async function demoCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, { name: { type: "string" }, json: { type: "boolean" } });
  const name = values.name ?? "bank-marketing";
  let config: DemoConfig;
  try {
    config = JSON.parse(readFileSync(resolve(DEMOS, `${name}.json`), "utf8")) as DemoConfig;
  } catch {
    throw new KindredError("NOT_FOUND", `no demo "${name}" in ${DEMOS}`, { field: "name" });
  }
  console.error(`demo "${name}": ${config.description}\n`);
  await trainCommand(ctx, [
    "--data",
    resolve(REPO_ROOT, config.data),
    ...(config.target ? ["--target", config.target] : []),
    ...(config.idColumn ? ["--id-column", config.idColumn] : []),
    ...(config.drop?.length ? ["--drop", config.drop.join(",")] : []),
    ...(config.split ? ["--split", config.split] : []),
    ...(values.json ? ["--json"] : []),
  ]);
}
