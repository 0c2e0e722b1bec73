import { isKindredError } from "@kindred/engine/errors";
import { type AppContext, createContext, createStorelessContext } from "../context.ts";
import { EnvError, loadEnv } from "../env.ts";
import { analyzeCommand, analyzeUsage } from "./commands/analyze.ts";
import { demoCommand } from "./commands/demo.ts";
import { embeddingsCommand, embeddingsUsage } from "./commands/embeddings.ts";
import { explainCommand, explainUsage } from "./commands/explain.ts";
import { importCommand, importUsage } from "./commands/import.ts";
import { datasetsCommand, runsCommand } from "./commands/list.ts";
import { exportCommand, exportUsage, lookalikeCommand, lookalikeUsage } from "./commands/lookalike.ts";
import { personaEditCommand, personaEditUsage, personasCommand, personasUsage } from "./commands/personas.ts";
import { rfmCommand, rfmUsage } from "./commands/rfm.ts";
import { scoreCommand, scoreUsage } from "./commands/score.ts";
import { textCommand, textUsage } from "./commands/text.ts";
import { tippingCommand, tippingUsage } from "./commands/tipping.ts";
import { trainCommand, trainUsage } from "./commands/train.ts";

type Command = (ctx: AppContext, argv: string[]) => Promise<void>;
/** Whether a command, given its arguments, works without the database (it then starts faster). */
type Storeless = (argv: string[]) => boolean;

const COMMANDS: Record<string, { run: Command; usage: string; storeless?: Storeless }> = {
  import: { run: importCommand, usage: importUsage },
  rfm: {
    run: rfmCommand,
    usage: rfmUsage,
    storeless: (argv) => !argv.some((a) => a === "--import" || a.startsWith("--import=")),
  },
  train: { run: trainCommand, usage: trainUsage },
  embeddings: { run: embeddingsCommand, usage: embeddingsUsage },
  datasets: { run: datasetsCommand, usage: "kindred datasets [--json]" },
  runs: { run: runsCommand, usage: "kindred runs [--dataset id] [--json]" },
  analyze: { run: analyzeCommand, usage: analyzeUsage },
  score: { run: scoreCommand, usage: scoreUsage },
  lookalike: { run: lookalikeCommand, usage: lookalikeUsage },
  export: { run: exportCommand, usage: exportUsage },
  explain: { run: explainCommand, usage: explainUsage },
  tipping: { run: tippingCommand, usage: tippingUsage },
  text: { run: textCommand, usage: textUsage },
  personas: { run: personasCommand, usage: personasUsage },
  persona: { run: personaEditCommand, usage: personaEditUsage },
  demo: { run: demoCommand, usage: "kindred demo [--name bank-marketing] [--json]" },
};

function usage(): string {
  return [
    "Kindred: customer behaviour embeddings.",
    "",
    "Commands:",
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
    "",
    "Environment: DATABASE_URL (PostgreSQL; default: embedded in KINDRED_DATA_DIR=.kindred),",
    "KINDRED_MAX_FILE_BYTES, KINDRED_TF_BACKEND (auto|tensorflow|wasm|cpu), KINDRED_TEXT_MODEL. See .env.example.",
  ].join("\n");
}

/** Exit codes: 0 ok, 1 unexpected failure, 2 bad input or usage. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  let ctx: AppContext | undefined;
  try {
    const env = loadEnv();
    ctx = command.storeless?.(rest) ? createStorelessContext(env) : await createContext(env);
    await command.run(ctx, rest);
    return 0;
  } catch (error) {
    if (isKindredError(error) || error instanceof EnvError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    console.error(error);
    return 1;
  } finally {
    await ctx?.close();
  }
}
