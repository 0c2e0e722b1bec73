/**
 * SHAP benchmark on bank-additional-full (41,188 customers, 20 input features → 63 encoded
 * columns): permutation SHAP for 1,000 customers, seconds and model evaluations per second, and
 * the same work with one model call per coalition (unbatched) as the baseline. Then a tipping
 * search on the probability list. Prints figures; asserts nothing.
 *   npm run bench:explain
 */

import { importDataset } from "../../apps/api/src/services/import-dataset.ts";
import { openRunExplainer } from "../../apps/api/src/services/run-explainer.ts";
import { runTipping } from "../../apps/api/src/services/tipping.ts";
import { trainDatasetRun } from "../../apps/api/src/services/train-run.ts";
import { shapValues } from "../../packages/engine/src/explain/index.ts";
import { featureGroups } from "../../packages/engine/src/features/index.ts";
import { gatherRows, sampleRows } from "../../packages/engine/src/project/index.ts";
import { BANK_MARKETING } from "../support/data.ts";
import { createTestStore } from "../support/stores.ts";

const CUSTOMERS = 1000;
const BASELINE_CUSTOMERS = 20;

const store = await createTestStore("embedded");
try {
  const { dataset } = await importDataset(store.ctx, { path: BANK_MARKETING, target: "y" });
  const { runId } = await trainDatasetRun(store.ctx, { dataset: dataset.id });
  const explainer = await openRunExplainer(store.ctx, runId);
  try {
    const { x, background, settings } = explainer;
    const groups = featureGroups(explainer.encoder);
    console.log(
      `model: ${groups.length} features → ${x.cols} encoded columns; background ${background.data.rows} rows (${background.method}); ${settings.permutations} permutations`,
    );
    const rows = Int32Array.from(sampleRows(x.rows, CUSTOMERS, 7));
    let started = performance.now();
    const result = explainer.shap(rows);
    const seconds = (performance.now() - started) / 1000;
    const rate = result.evaluations / seconds;
    console.log(
      `SHAP (${result.method}) for ${CUSTOMERS} customers: ${seconds.toFixed(1)} s, ${result.evaluations.toLocaleString("en")} model evaluations, ${Math.round(rate).toLocaleString("en")} evaluations/s, ${(CUSTOMERS / seconds).toFixed(1)} customers/s`,
    );

    // Baseline: the same SHAP values with one model call per coalition (batchRows = background).
    const few = rows.subarray(0, BASELINE_CUSTOMERS);
    started = performance.now();
    const unbatched = shapValues(
      { predictor: explainer.predictor, x: gatherRows(x, few), groups, background, rowKeys: few },
      {
        method: settings.method,
        permutations: settings.permutations,
        seed: settings.seed,
        batchRows: background.data.rows,
      },
    );
    const baselineRate = unbatched.evaluations / ((performance.now() - started) / 1000);
    const same = unbatched.values.every((v, i) => Math.abs(v - (result.values[i] as number)) < 1e-6);
    console.log(
      `unbatched baseline (${BASELINE_CUSTOMERS} customers, one call per coalition): ${Math.round(baselineRate).toLocaleString("en")} evaluations/s; batched is ${(rate / baselineRate).toFixed(1)}× faster (same values: ${same})`,
    );
    // Without scoring each distinct hybrid row once, every (order, prefix, background row) is a row.
    const naive =
      CUSTOMERS * settings.permutations * (groups.length - 1) * background.data.rows +
      background.data.rows +
      CUSTOMERS;
    console.log(
      `distinct hybrids only: ${result.evaluations.toLocaleString("en")} of ${naive.toLocaleString("en")} rows scored (${(naive / result.evaluations).toFixed(1)}× fewer); against one unbatched call per coalition on every row, ~${(naive / baselineRate / seconds).toFixed(1)}× faster in all`,
    );
  } finally {
    explainer.dispose();
  }

  {
    const t = performance.now();
    const report = await runTipping(store.ctx, {
      runId,
      config: { features: ["contact", "day_of_week", "campaign"], locked: ["age"] },
      list: "probability",
      limit: 100,
    });
    console.log(
      `tipping (contact, day_of_week, campaign) on the top 100 of the probability list: ${((performance.now() - t) / 1000).toFixed(1)} s including loading; tipped ${report.summary.tipped} of ${report.summary.searched}`,
    );
  }
} finally {
  await store.dispose();
}
