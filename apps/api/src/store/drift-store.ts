import type { Prisma } from "./database.ts";
import type { DriftReport } from "./generated/client.ts";

export type { DriftReport };

export interface NewDriftReport {
  runId: string;
  against: string;
  source?: string;
  baselineRows: number;
  currentRows: number;
  dims: object;
  features: object;
  maxPsi: number;
  centroidDistance: number;
  status: string;
}

export async function saveDriftReport(prisma: Prisma, input: NewDriftReport): Promise<DriftReport> {
  return prisma.driftReport.create({ data: input });
}

export async function listDriftReports(prisma: Prisma, runId: string): Promise<DriftReport[]> {
  return prisma.driftReport.findMany({ where: { runId }, orderBy: { createdAt: "desc" } });
}

export async function findDriftReport(prisma: Prisma, id: string): Promise<DriftReport | null> {
  return prisma.driftReport.findUnique({ where: { id } });
}
