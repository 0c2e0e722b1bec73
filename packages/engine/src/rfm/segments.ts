import type { CustomerFeatures, RfmScores, SegmentSummary } from "./types.ts";

interface SegmentDefinition {
  name: string;
  /** Recency scores and frequency scores the segment covers. */
  r: readonly number[];
  f: readonly number[];
  description: string;
}

/**
 * The usual RFM segment grid over the recency and frequency scores: every (R, F) pair belongs to
 * exactly one segment. Listed from the most to the least valuable.
 */
export const RFM_SEGMENTS: readonly SegmentDefinition[] = [
  {
    name: "Champions",
    r: [5],
    f: [4, 5],
    description: "Bought recently and often. Reward them, ask for reviews and referrals, offer early access.",
  },
  {
    name: "Loyal Customers",
    r: [3, 4],
    f: [4, 5],
    description: "Buy often, not always lately. Upsell, loyalty programme, keep them engaged.",
  },
  {
    name: "Potential Loyalists",
    r: [4, 5],
    f: [2, 3],
    description: "Recent, a few purchases. Offer membership or a second-purchase incentive.",
  },
  {
    name: "New Customers",
    r: [5],
    f: [1],
    description: "Bought for the first time, recently. Onboard them and build the relationship early.",
  },
  {
    name: "Promising",
    r: [4],
    f: [1],
    description: "Recent single purchase. Create brand awareness; a small offer for the next one.",
  },
  {
    name: "Need Attention",
    r: [3],
    f: [3],
    description:
      "Average recency and frequency. Limited-time offers and recommendations based on past purchases.",
  },
  {
    name: "About to Sleep",
    r: [3],
    f: [1, 2],
    description: "Slipping away after few purchases. Share popular products, a discount to reactivate.",
  },
  {
    name: "At Risk",
    r: [1, 2],
    f: [3, 4],
    description: "Bought often, but long ago. Personal outreach and win-back offers.",
  },
  {
    name: "Can't Lose Them",
    r: [1, 2],
    f: [5],
    description: "Used to be the most frequent, gone quiet. Win them back before a competitor does.",
  },
  {
    name: "Hibernating",
    r: [1, 2],
    f: [1, 2],
    description: "Few purchases, long ago. Low-cost reminders only; do not overspend on them.",
  },
];

/** Segment index (into RFM_SEGMENTS) of each customer. */
export function rfmSegments(scores: RfmScores): Uint8Array {
  const lookup = new Uint8Array(36);
  RFM_SEGMENTS.forEach((segment, s) => {
    for (const r of segment.r) for (const f of segment.f) lookup[r * 6 + f] = s;
  });
  return Uint8Array.from(scores.r, (r, i) => lookup[r * 6 + (scores.f[i] as number)] as number);
}

/** Customers, share and share of spend per segment, in RFM_SEGMENTS order (empty ones too). */
export function summarizeSegments(segments: Uint8Array, features: CustomerFeatures): SegmentSummary[] {
  const counts = new Float64Array(RFM_SEGMENTS.length);
  const spend = new Float64Array(RFM_SEGMENTS.length);
  let total = 0;
  segments.forEach((s, i) => {
    counts[s] = (counts[s] as number) + 1;
    spend[s] = (spend[s] as number) + (features.monetary[i] as number);
    total += features.monetary[i] as number;
  });
  const n = segments.length;
  return RFM_SEGMENTS.map((segment, s) => ({
    name: segment.name,
    customers: counts[s] as number,
    share: n === 0 ? 0 : (counts[s] as number) / n,
    revenueShare: total === 0 ? 0 : (spend[s] as number) / total,
    description: segment.description,
  }));
}
