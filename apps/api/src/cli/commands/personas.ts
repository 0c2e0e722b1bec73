import type { AppContext } from "../../context.ts";
import { chooseRunK, editPersona, runPersonas } from "../../services/personas.ts";
import { integer, parseCommand, required } from "../args.ts";
import { formatMetric, printJson } from "../output.ts";

export const personasUsage = "kindred personas --run <id> [--k n] [--json]";
export const personaEditUsage =
  'kindred persona <personaId> [--name "…"] [--description "…"] [--strategy "…"] [--json]';

export async function personasCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, {
    run: { type: "string" },
    k: { type: "string" },
    json: { type: "boolean" },
  });
  const runId = required(values.run, "run");
  const k = integer(values.k, "k");
  // --k makes another K of the sweep the current one (its personas are built once).
  const result = k === undefined ? await runPersonas(ctx, runId) : await chooseRunK(ctx, runId, k);
  if (values.json) return printJson(result);
  for (const [title, personas] of [
    [`k-means personas (K = ${result.k})`, result.kmeans],
    ["business-rule personas", result.rules],
  ] as const) {
    if (personas.length === 0) continue;
    console.log(title);
    console.table(
      personas.map((p) => ({
        id: p.id,
        name: p.name,
        share: `${(p.share * 100).toFixed(1)} %`,
        conversion: formatMetric(p.conversionRate),
        strategy: p.strategy,
      })),
    );
  }
}

export async function personaEditCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    argv,
    {
      name: { type: "string" },
      description: { type: "string" },
      strategy: { type: "string" },
      json: { type: "boolean" },
    },
    1,
  );
  const persona = await editPersona(ctx, required(positionals[0], "persona id"), {
    name: values.name,
    description: values.description,
    strategy: values.strategy,
  });
  if (values.json) return printJson(persona);
  console.log(`persona ${persona.id}: "${persona.name}" — ${persona.strategy}`);
}
