import type { CleanTransactions, CustomerFeatures } from "./types.ts";

export const DAY_MS = 86_400_000;

export interface FeatureOptions {
  /**
   * Use only purchases before this moment, and compute recency and tenure as of it (a snapshot,
   * or the cut-off of a "bought in the next N days" target). Default: all purchases, as of the
   * start of the day after the last one.
   */
  cutoff?: number;
}

/** Calendar days from the day of `time` to the day of `asOf` (bought yesterday = 1). */
function days(asOf: number, time: number): number {
  return Math.floor(asOf / DAY_MS) - Math.floor(time / DAY_MS);
}

/** Distinct (customer, value) pairs per customer, for values given as non-negative indexes. */
function distinctPerCustomer(
  tx: CleanTransactions,
  values: Int32Array,
  lines: Int32Array,
  customers: number,
): Float64Array {
  const width = 2 ** 26;
  const pairs = new Float64Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as number;
    pairs[i] = (tx.customer[line] as number) * width + (values[line] as number);
  }
  pairs.sort();
  const out = new Float64Array(customers);
  for (let i = 0; i < pairs.length; i++) {
    if (i === 0 || pairs[i] !== pairs[i - 1]) {
      const c = Math.floor((pairs[i] as number) / width);
      out[c] = (out[c] as number) + 1;
    }
  }
  return out;
}

/**
 * Recency, frequency, monetary value, tenure, average basket, product breadth, mean interval
 * between purchases and channels used, per customer with at least one purchase in range.
 * Recency and tenure are calendar days; frequency counts purchases (invoices).
 */
export function customerFeatures(tx: CleanTransactions, options: FeatureOptions = {}): CustomerFeatures {
  const { cutoff } = options;
  const lines: number[] = [];
  for (let i = 0; i < tx.time.length; i++)
    if (cutoff === undefined || (tx.time[i] as number) < cutoff) lines.push(i);
  const inRange = Int32Array.from(lines);
  const all = tx.customerKeys.length;
  const first = new Float64Array(all).fill(Number.POSITIVE_INFINITY);
  const last = new Float64Array(all).fill(Number.NEGATIVE_INFINITY);
  const spend = new Float64Array(all);
  let latest = Number.NEGATIVE_INFINITY;
  for (const line of inRange) {
    const c = tx.customer[line] as number;
    const t = tx.time[line] as number;
    if (t < (first[c] as number)) first[c] = t;
    if (t > (last[c] as number)) last[c] = t;
    spend[c] = (spend[c] as number) + (tx.amount[line] as number);
    if (t > latest) latest = t;
  }
  const asOf = cutoff ?? (Math.floor(latest / DAY_MS) + 1) * DAY_MS;
  const purchases = distinctPerCustomer(tx, tx.purchase, inRange, all);
  const products = tx.product[0] === -1 ? undefined : distinctPerCustomer(tx, tx.product, inRange, all);
  const channels = tx.channel[0] === -1 ? undefined : distinctPerCustomer(tx, tx.channel, inRange, all);

  const present: number[] = [];
  for (let c = 0; c < all; c++) if ((purchases[c] as number) > 0) present.push(c);
  const n = present.length;
  const pick = (values: Float64Array) => Float64Array.from(present, (c) => values[c] as number);
  const frequency = pick(purchases);
  const monetary = pick(spend);
  const features: CustomerFeatures = {
    keys: present.map((c) => tx.customerKeys[c] as string),
    asOf,
    recencyDays: Float64Array.from(present, (c) => days(asOf, last[c] as number)),
    frequency,
    monetary,
    tenureDays: Float64Array.from(present, (c) => days(asOf, first[c] as number)),
    averageBasket: new Float64Array(n),
    meanInterPurchaseDays: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const c = present[i] as number;
    const f = frequency[i] as number;
    features.averageBasket[i] = (monetary[i] as number) / f;
    // Purchases spread from the first to the last: f purchases leave f − 1 gaps.
    features.meanInterPurchaseDays[i] =
      f > 1 ? ((last[c] as number) - (first[c] as number)) / DAY_MS / (f - 1) : Number.NaN;
  }
  if (products) features.productBreadth = pick(products);
  if (channels) features.channelCount = pick(channels);
  return features;
}
