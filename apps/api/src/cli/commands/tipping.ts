import { KindredError } from "@kindred/engine/errors";
import type { TippingConfig } from "@kindred/engine/tipping";
import type { AppContext } from "../../context.ts";
import { readTippingConfigFile } from "../../services/config-files.ts";
import {
  compareTipping,
  runTipping,
  TIPPING_LISTS,
  type TippingList,
  type TippingReport,
  writeTippingCsv,
} from "../../services/tipping.ts";
import { integer, list, parseCommand, required } from "../args.ts";
import { EXPLAIN_OPTIONS, explainFlagsUsage, explainSettings } from "../explain-settings.ts";
import { formatMetric, printJson } from "../output.ts";
import { ProgressBar } from "../progress-bar.ts";

export const tippingUsage = `kindred tipping --run <id> --features A,B [--lock C,D] [--config tipping.json] [--list ${TIPPING_LISTS.join("|")} | --compare] [--limit 10] [--threshold 0.5] [--pairs] [--primary-only] [--space mlp|text] [--out list.csv] ${explainFlagsUsage} [--json]`;

export async function tippingCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, {
    run: { type: "string" },
    features: { type: "string" },
    lock: { type: "string" },
    config: { type: "string" },
    list: { type: "string" },
    compare: { type: "boolean" },
    limit: { type: "string" },
    threshold: { type: "string" },
    pairs: { type: "boolean" },
    "primary-only": { type: "boolean" },
    space: { type: "string" },
    out: { type: "string" },
    json: { type: "boolean" },
    ...EXPLAIN_OPTIONS,
  });
  const runId = required(values.run, "run");
  if (values.compare && values.list) {
    throw new KindredError(
      "INVALID_CONFIG",
      "--compare compares the similarity and probability lists: drop --list",
      {
        field: "list",
      },
    );
  }
  const file = values.config ? await readTippingConfigFile(values.config) : {};
  const threshold = values.threshold === undefined ? file.threshold : Number(values.threshold);
  if (values.threshold !== undefined && values.threshold.trim() === "") {
    throw new KindredError("INVALID_CONFIG", "--threshold needs a number", { field: "threshold" });
  }
  const config: TippingConfig = {
    ...file,
    features: list(values.features) ?? file.features ?? [],
    locked: list(values.lock) ?? file.locked,
    threshold,
    pairs: values.pairs || file.pairs,
  };
  if (config.features.length === 0) {
    throw new KindredError(
      "INVALID_CONFIG",
      "--features is required: the actionable features, e.g. --features Education,Family",
      {
        field: "features",
      },
    );
  }
  const bar = new ProgressBar();
  const input = {
    runId,
    config,
    limit: integer(values.limit, "limit"),
    primaryOnly: values["primary-only"],
    ...(values.space ? { space: values.space } : {}),
    settings: explainSettings(values),
    onProgress: (share: number, stage: string) => bar.update(share, stage),
  };
  if (values.compare) {
    const result = await compareTipping(ctx, input);
    bar.done();
    if (values.out) await writeTippingCsv(values.out, [result.similarity, result.probability]);
    if (values.json) return printJson(result);
    printReport(result.similarity);
    printReport(result.probability);
    const c = result.comparison;
    console.table({
      "share tipped": {
        similarity: formatMetric(c.tippedShare.similarity),
        probability: formatMetric(c.tippedShare.probability),
      },
      "median change": {
        similarity: formatMetric(c.medianChange.similarity, 2),
        probability: formatMetric(c.medianChange.probability, 2),
      },
      "median original probability": {
        similarity: formatMetric(c.medianProbability.similarity),
        probability: formatMetric(c.medianProbability.probability),
      },
    });
    console.log(`overlap: ${c.overlap} customers in both lists (Jaccard ${formatMetric(c.jaccard)})`);
    return;
  }
  const report = await runTipping(ctx, { ...input, list: (values.list ?? "similarity") as TippingList });
  bar.done();
  if (values.out) await writeTippingCsv(values.out, [report]);
  if (values.json) return printJson(report);
  printReport(report);
}

function printReport(report: TippingReport): void {
  const s = report.summary;
  console.log(
    `${report.list} list (${report.listSize} customers; top ${report.candidates.length}${report.scanned > report.candidates.length ? ` of ${report.scanned} scanned` : ""}), actionable: ${report.features.join(", ")}, threshold ${report.threshold}`,
  );
  console.table(
    report.candidates.map((c) => ({
      customer: c.customerId,
      probability: formatMetric(c.probability),
      ...(report.list === "similarity" ? { similarity: formatMetric(c.similarity, 4) } : {}),
      feature: c.tippingFeature ?? "–",
      change:
        c.changes.map((ch) => `${ch.feature} ${ch.originalValue} → ${ch.tippingValue}`).join(" + ") ||
        (c.status === "above-threshold"
          ? "–"
          : c.bestValue !== null
            ? `bound reached (best ${c.originalValue} → ${c.bestValue})`
            : "no permitted change raises it"),
      "new probability": formatMetric(c.newProbability),
      status: c.status,
    })),
  );
  console.log(
    `tipped ${s.tipped} of ${s.searched} (${formatMetric(s.tippedShare)}); median change ${formatMetric(s.medianChange, 2)}; median original probability ${formatMetric(s.medianProbability)}`,
  );
}
