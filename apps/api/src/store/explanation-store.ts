import type { FeatureImportance } from "@kindred/engine/explain";
import { float64sOf, int32sOf, toBytes } from "./bytes.ts";
import type { Prisma } from "./database.ts";
import type { Explanation } from "./generated/client.ts";

export type { Explanation };

export interface NewExplanation {
  runId: string;
  config: object;
  features: string[];
  baseValue: number;
  importance: FeatureImportance[];
  rowIndices: Int32Array;
  values: Float64Array;
  evaluations: number;
  timings: object;
}

/** One row: the explanation is stored whole or not at all. */
export async function saveExplanation(prisma: Prisma, input: NewExplanation): Promise<Explanation> {
  return prisma.explanation.create({
    data: {
      ...input,
      importance: input.importance as unknown as object,
      rowIndices: toBytes(input.rowIndices),
      values: toBytes(input.values),
    },
  });
}

/** The run's most recent explanation, or null when it was never explained. */
export async function latestExplanation(prisma: Prisma, runId: string): Promise<Explanation | null> {
  return prisma.explanation.findFirst({ where: { runId }, orderBy: { createdAt: "desc" } });
}

export function explanationValues(explanation: Explanation): {
  rowIndices: Int32Array;
  values: Float64Array;
} {
  return { rowIndices: int32sOf(explanation.rowIndices), values: float64sOf(explanation.values) };
}
