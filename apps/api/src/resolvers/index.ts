import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import { analysisResolvers } from "./analysis.ts";
import { authResolvers } from "./auth.ts";
import { customerResolvers } from "./customers.ts";
import { datasetResolvers } from "./datasets.ts";
import { driftResolvers } from "./drift.ts";
import { jobResolvers } from "./jobs.ts";
import { lookalikeResolvers } from "./lookalike.ts";
import { runResolvers } from "./runs.ts";
import { scalarResolvers } from "./scalars.ts";
import { segmentResolvers } from "./segments.ts";
import { targetResolvers } from "./targets.ts";
import { tippingResolvers } from "./tipping.ts";

const MODULES: Resolvers[] = [
  authResolvers,
  datasetResolvers,
  runResolvers,
  jobResolvers,
  analysisResolvers,
  driftResolvers,
  lookalikeResolvers,
  tippingResolvers,
  targetResolvers,
  customerResolvers,
  segmentResolvers,
];

/** Every module's resolvers, merged type by type (a type's fields may come from several modules). */
export function resolvers(): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const module of MODULES) {
    for (const [type, fields] of Object.entries(module))
      merged[type] = { ...merged[type], ...(fields as object) };
  }
  return { ...(merged as Resolvers), ...scalarResolvers };
}
