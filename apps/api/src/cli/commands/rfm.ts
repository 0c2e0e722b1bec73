import type { AppContext } from "../../context.ts";
import { summarizeTransactions } from "../../services/transactions.ts";
import { integer, list, parseCommand } from "../args.ts";
import { printJson } from "../output.ts";
import { ProgressBar } from "../progress-bar.ts";

export const rfmUsage =
  "kindred rfm <transactions.csv> [--customer col --time col (--amount col | --quantity col --price col)] [--invoice col] [--product col] [--channel col] [--drop-invalid] [--cutoff YYYY-MM-DD --horizon 90] [--snapshots d1,d2,…] [--alert 0.2] [--import name] [--json]";

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

export async function rfmCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    argv,
    {
      customer: { type: "string" },
      time: { type: "string" },
      amount: { type: "string" },
      quantity: { type: "string" },
      price: { type: "string" },
      invoice: { type: "string" },
      product: { type: "string" },
      channel: { type: "string" },
      "drop-invalid": { type: "boolean" },
      cutoff: { type: "string" },
      horizon: { type: "string" },
      snapshots: { type: "string" },
      alert: { type: "string" },
      import: { type: "string" },
      json: { type: "boolean" },
    },
    1,
  );
  const path = positionals[0];
  if (!path) throw new Error(`usage: ${rfmUsage}`);
  const alert = values.alert === undefined ? undefined : Number(values.alert);
  const bar = new ProgressBar();
  const summary = await summarizeTransactions(ctx, {
    path,
    columns: Object.fromEntries(
      (["customer", "time", "amount", "quantity", "price", "invoice", "product", "channel"] as const)
        .filter((role) => values[role] !== undefined)
        .map((role) => [role, values[role]]),
    ),
    dropInvalid: values["drop-invalid"],
    cutoff: values.cutoff,
    horizonDays: integer(values.horizon, "horizon"),
    snapshots: list(values.snapshots),
    alertThreshold: alert,
    importAs: values.import,
    onProgress: (share) => bar.update(share, "reading"),
  });
  bar.done();
  if (values.json) return printJson(summary);
  console.log(
    `${summary.customers} customers from ${summary.inputRows} lines (as of ${summary.asOf}; columns: ${Object.entries(
      summary.columns,
    )
      .map(([role, name]) => `${role}=${name}`)
      .join(", ")})`,
  );
  console.log("removed:");
  for (const [reason, rows] of Object.entries(summary.removed)) console.log(`  ${reason.padEnd(24)} ${rows}`);
  console.table(
    summary.segments.map((s) => ({
      segment: s.name,
      customers: s.customers,
      share: percent(s.share),
      revenue: percent(s.revenueShare),
    })),
  );
  if (summary.target) {
    console.log(
      `target ${summary.target.column}: ${summary.target.positives} of ${summary.customers} bought`,
    );
  }
  for (const m of summary.history?.migrations ?? []) {
    console.log(
      `${m.from} → ${m.to}: ${percent(m.stability)} kept their segment (${m.stayed} of ${m.common}); ${m.entered} new, ${m.left} gone`,
    );
    for (const a of m.alerts) {
      console.log(
        `  alert: ${a.segment} ${a.direction} (${percent(a.shareBefore)} → ${percent(a.shareAfter)})`,
      );
    }
  }
  if (summary.dataset) console.log(`imported as dataset "${summary.dataset.name}" (${summary.dataset.id})`);
}
