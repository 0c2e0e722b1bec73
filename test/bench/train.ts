/**
 * Training benchmark on bank-additional-full (41,188 rows): end-to-end `kindred train` wall time
 * (cold: fresh data directory, so the embedded database is created; warm: database and import
 * reused), ms per epoch and embedding rows/s. Prints figures; asserts nothing.
 *   npm run bench:train
 * Reference on this 2-core machine: a pandas + PyTorch pipeline ≈ 5.5 s end to end.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BANK_MARKETING } from "../support/data.ts";

const BIN = fileURLToPath(new URL("../../apps/api/bin/kindred.js", import.meta.url));
const PYTORCH_SECONDS = 5.5;

interface Summary {
  rows: number;
  epochs: number;
  splits: Record<string, { auc: number | null }>;
  timings: Record<string, number>;
}

function train(dataDir: string): { seconds: number; summary: Summary } {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [BIN, "train", "--data", BANK_MARKETING, "--target", "y", "--split", "oot", "--json"],
    { encoding: "utf8", env: { ...process.env, KINDRED_DATA_DIR: dataDir, DATABASE_URL: "" } },
  );
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`kindred train failed:\n${result.stderr}`);
  return { seconds, summary: JSON.parse(result.stdout) as Summary };
}

const dataDir = mkdtempSync(join(tmpdir(), "kindred-bench-"));
try {
  const cold = train(dataDir);
  const warm = train(dataDir);
  for (const [label, { seconds, summary }] of [
    ["cold", cold],
    ["warm", warm],
  ] as const) {
    const t = summary.timings;
    const msPerEpoch = (t.trainMs ?? 0) / summary.epochs;
    const embedRowsPerSecond = summary.rows / ((t.embedMs ?? 1) / 1000);
    console.log(
      `${label}: end to end ${seconds.toFixed(1)} s (${(seconds / PYTORCH_SECONDS).toFixed(1)}× the PyTorch pipeline's ${PYTORCH_SECONDS} s)` +
        ` · ${summary.epochs} epochs · ${msPerEpoch.toFixed(0)} ms/epoch · embeddings ${Math.round(embedRowsPerSecond).toLocaleString("en")} rows/s` +
        ` · OOT1 AUC ${summary.splits.oot1?.auc?.toFixed(3)}`,
    );
    console.log(`  stages (ms): ${JSON.stringify(t)}`);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
