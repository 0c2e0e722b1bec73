/** A vector-index payload for tests: customer `c<id>`, label 0, train split, probability 0.5. */
import type { PointPayload } from "../lookalike/vector-index.ts";

export function testPayload(id: number, extra: Partial<PointPayload> = {}): PointPayload {
  return {
    customerId: `c${id}`,
    datasetId: "d",
    runId: "r",
    label: 0,
    split: "train",
    probability: 0.5,
    persona: null,
    ...extra,
  };
}
