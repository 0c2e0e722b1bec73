/**
 * RFM benchmark: ../shared/data/online_retail.csv (541,909 transaction lines) to per-customer
 * features, scores and segments. Prints seconds per stage (median of 3 runs after reading the
 * file once more to warm up) and the process's peak memory. Asserts nothing.   npm run bench:rfm
 */
import { createReadStream } from "node:fs";
import { readCsv } from "../../packages/engine/src/data/index.ts";
import {
  cleanTransactions,
  customerFeatures,
  resolveTransactionColumns,
  rfmScores,
  rfmSegments,
  summarizeSegments,
} from "../../packages/engine/src/rfm/index.ts";
import { SHARED_DATA } from "../support/data.ts";

const FILE = `${SHARED_DATA}/online_retail.csv`;
const RUNS = 3;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function once() {
  const t0 = performance.now();
  const table = await readCsv(createReadStream(FILE) as AsyncIterable<Uint8Array>);
  const t1 = performance.now();
  const columns = resolveTransactionColumns(table);
  const tx = cleanTransactions(table, columns);
  const t2 = performance.now();
  const features = customerFeatures(tx);
  const scores = rfmScores(features);
  const summary = summarizeSegments(rfmSegments(scores), features);
  const t3 = performance.now();
  return { table, tx, features, summary, read: t1 - t0, clean: t2 - t1, features_: t3 - t2, total: t3 - t0 };
}

await once();
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await once());
const last = runs.at(-1) as Awaited<ReturnType<typeof once>>;
console.log(
  `online_retail.csv: ${last.table.rowCount.toLocaleString("en")} lines → ${last.features.keys.length.toLocaleString("en")} customers`,
);
console.log("removed:", last.tx.removed);
for (const s of last.summary) {
  console.log(
    `  ${s.name.padEnd(20)} ${String(s.customers).padStart(5)}  ${(s.share * 100).toFixed(1).padStart(5)} %  revenue ${(s.revenueShare * 100).toFixed(1).padStart(5)} %`,
  );
}
console.log(
  `median of ${RUNS}: read ${seconds(median(runs.map((r) => r.read)))}, clean ${seconds(median(runs.map((r) => r.clean)))}, features + scores + segments ${seconds(median(runs.map((r) => r.features_)))}; total ${seconds(median(runs.map((r) => r.total)))}`,
);
console.log(`peak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
