import { KindredError } from "@kindred/engine/errors";
import type { SplitMethod } from "@kindred/engine/pipeline";
import type { AppContext } from "../../context.ts";
import { readOverridesFile, readRunConfigFile } from "../../services/config-files.ts";
import { importDataset } from "../../services/import-dataset.ts";
import { type TrainSummary, trainDatasetRun } from "../../services/train-run.ts";
import { integer, list, parseCommand } from "../args.ts";
import { formatMetric, printJson } from "../output.ts";
import { ProgressBar } from "../progress-bar.ts";

export const trainUsage =
  "kindred train (--dataset <name|id> | --data <csv> --target <col>) [--id-column col] [--drop a,b] [--split oot|random] [--time-column col] [--epochs n] [--seed n] [--config run.json] [--overrides file.json] [--json]";

export async function trainCommand(ctx: AppContext, argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, {
    dataset: { type: "string" },
    data: { type: "string" },
    target: { type: "string" },
    positive: { type: "string" },
    "id-column": { type: "string" },
    "time-column": { type: "string" },
    drop: { type: "string" },
    split: { type: "string" },
    epochs: { type: "string" },
    seed: { type: "string" },
    config: { type: "string" },
    overrides: { type: "string" },
    json: { type: "boolean" },
  });
  if (Boolean(values.dataset) === Boolean(values.data)) {
    throw new KindredError("INVALID_CONFIG", `give either --dataset or --data\nusage: ${trainUsage}`, {
      field: "dataset",
    });
  }
  const split = values.split as SplitMethod | undefined;
  if (split !== undefined && split !== "oot" && split !== "random") {
    throw new KindredError("INVALID_CONFIG", `--split must be "oot" or "random", got "${split}"`, {
      field: "split",
    });
  }
  // Every flag is checked before any work starts.
  const epochs = integer(values.epochs, "epochs");
  const seed = integer(values.seed, "seed");
  const fileConfig = values.config ? await readRunConfigFile(values.config) : {};
  const overrides = values.overrides ? await readOverridesFile(values.overrides) : undefined;
  if (overrides && !values.data) {
    throw new KindredError(
      "INVALID_CONFIG",
      "--overrides goes with --data (a stored dataset keeps its own)",
      {
        field: "overrides",
      },
    );
  }
  const bar = new ProgressBar();
  let dataset = values.dataset as string;
  let runDrop = list(values.drop);
  if (values.data) {
    // A file is imported first (or an identical earlier import reused); its drops belong to it.
    const imported = await importDataset(ctx, {
      path: values.data,
      target: values.target,
      positiveValue: values.positive,
      idColumn: values["id-column"],
      timeColumn: values["time-column"],
      drop: runDrop,
      overrides,
      reuseIdentical: true,
      onProgress: (share) => bar.update(share * 0.05, "reading"),
    });
    dataset = imported.dataset.id;
    runDrop = undefined;
  }
  const summary = await trainDatasetRun(ctx, {
    dataset,
    drop: runDrop,
    // Flags win over the config file.
    config: {
      ...fileConfig,
      seed: seed ?? fileConfig.seed,
      split: {
        ...fileConfig.split,
        ...(split ? { method: split } : {}),
        ...(values["time-column"] ? { timeColumn: values["time-column"] } : {}),
      },
      model: { ...fileConfig.model, ...(epochs !== undefined ? { maxEpochs: epochs } : {}) },
    },
    onProgress: (p) => {
      const epoch = p.epoch
        ? ` epoch ${p.epoch.epoch}${p.epoch.valAuc !== null ? ` · val AUC ${p.epoch.valAuc.toFixed(4)}` : ` · val loss ${p.epoch.valLoss.toFixed(4)}`}`
        : "";
      bar.update(0.05 + p.progress * 0.95, `${p.stage}${epoch}`);
    },
  });
  bar.done();
  if (values.json) return printJson(summary);
  printSummary(summary);
}

function printSummary(s: TrainSummary): void {
  console.log(
    `run ${s.runId}: ${s.kind}, ${s.rows} rows, ${s.features} features (${s.encodedColumns} encoded), ` +
      `${s.epochs} epochs (best ${s.bestEpoch}), ${s.embeddingDim}-d embeddings, split by ${s.splitOrder}, ${s.backend} backend`,
  );
  console.table(
    Object.fromEntries(
      Object.entries(s.splits).map(([name, m]) => [
        name,
        m.reconstructionError !== undefined
          ? { n: m.n, reconstructionError: formatMetric(m.reconstructionError, 5) }
          : { n: m.n, positives: m.positives, auc: formatMetric(m.auc), ks: formatMetric(m.ks) },
      ]),
    ),
  );
  console.log(`total ${(s.timings.totalMs ?? 0) / 1000} s`);
}
