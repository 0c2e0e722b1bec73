import { KindredError } from "@kindred/engine/errors";
import { int32sOf, toBytes } from "./bytes.ts";
import type { Prisma } from "./database.ts";
import type { Analysis, Persona, Projection } from "./generated/client.ts";

export type { Analysis, Persona, Projection };

export interface PersonaInput {
  source: "kmeans" | "rules";
  k: number;
  segmentId: number;
  name: string;
  description: string;
  strategy: string;
  size: number;
  share: number;
  conversionRate: number | null;
  traits: object;
  rules: object;
}

export interface ProjectionInput {
  /** pca, tsne, umap (the MLP space) or text-pca (the text space). */
  method: string;
  params: object;
  rowIndices: Int32Array;
  coords: Float32Array;
  quality: object;
}

export interface NewAnalysis {
  runId: string;
  config: object;
  sweep: object;
  recommendedK: number;
  pca: object;
  business: object | null;
  /** Density clusters without their labels (those go in `labelSets` as "density"), or null. */
  density: object | null;
  timings: object;
  labelSets: { key: string; labels: Int32Array }[];
  personas: PersonaInput[];
  projections: ProjectionInput[];
}

/** Everything an analysis produced, in one transaction. */
export async function saveAnalysis(prisma: Prisma, input: NewAnalysis): Promise<Analysis> {
  return prisma.$transaction(
    async (tx) => {
      const analysis = await tx.analysis.create({
        data: {
          runId: input.runId,
          config: input.config,
          sweep: input.sweep,
          recommendedK: input.recommendedK,
          chosenK: input.recommendedK,
          pca: input.pca,
          ...(input.business ? { business: input.business } : {}),
          ...(input.density ? { density: input.density } : {}),
          timings: input.timings,
        },
      });
      await tx.analysisLabels.createMany({
        data: input.labelSets.map((set) => ({
          analysisId: analysis.id,
          key: set.key,
          labels: toBytes(set.labels),
        })),
      });
      await tx.persona.createMany({ data: input.personas.map((p) => ({ ...p, analysisId: analysis.id })) });
      for (const projection of input.projections) {
        await tx.projection.create({
          data: {
            analysisId: analysis.id,
            method: projection.method,
            params: projection.params,
            rowIndices: toBytes(projection.rowIndices),
            coords: toBytes(projection.coords),
            quality: projection.quality,
          },
        });
      }
      return analysis;
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

export async function findAnalysis(prisma: Prisma, id: string): Promise<Analysis | null> {
  return prisma.analysis.findUnique({ where: { id } });
}

export async function findPersona(prisma: Prisma, id: string): Promise<Persona | null> {
  return prisma.persona.findUnique({ where: { id } });
}

/** The maps of an analysis without their coordinates: method, settings, quality, point count. */
export async function listProjectionInfos(prisma: Prisma, analysisId: string) {
  const rows = await prisma.projection.findMany({
    where: { analysisId },
    select: { method: true, params: true, quality: true, rowIndices: true },
  });
  return rows.map((p) => ({
    method: p.method,
    params: p.params,
    quality: p.quality,
    count: p.rowIndices.byteLength / 4,
  }));
}

export async function getAnalysis(prisma: Prisma, id: string): Promise<Analysis> {
  const analysis = await prisma.analysis.findUnique({ where: { id } });
  if (!analysis) throw new KindredError("NOT_FOUND", `no analysis "${id}"`, { field: "analysis" });
  return analysis;
}

/** The run's most recent analysis, or null when it was never analysed. */
export async function latestAnalysis(prisma: Prisma, runId: string): Promise<Analysis | null> {
  return prisma.analysis.findFirst({ where: { runId }, orderBy: { createdAt: "desc" } });
}

export async function loadLabels(
  prisma: Prisma,
  analysisId: string,
  key: string,
): Promise<Int32Array | null> {
  const set = await prisma.analysisLabels.findUnique({ where: { analysisId_key: { analysisId, key } } });
  return set ? int32sOf(set.labels) : null;
}

export async function listPersonas(
  prisma: Prisma,
  analysisId: string,
  filter: { source?: "kmeans" | "rules"; k?: number } = {},
): Promise<Persona[]> {
  return prisma.persona.findMany({
    where: { analysisId, ...filter },
    orderBy: [{ source: "asc" }, { k: "asc" }, { size: "desc" }],
  });
}

export async function getPersona(prisma: Prisma, id: string): Promise<Persona> {
  const persona = await prisma.persona.findUnique({ where: { id } });
  if (!persona) throw new KindredError("NOT_FOUND", `no persona "${id}"`, { field: "persona" });
  return persona;
}

export async function updatePersona(
  prisma: Prisma,
  id: string,
  edit: { name?: string; description?: string; strategy?: string },
): Promise<Persona> {
  await getPersona(prisma, id);
  return prisma.persona.update({ where: { id }, data: { ...edit, editedAt: new Date() } });
}

/** Makes `k` the analysis's current K, adding its personas when they were not built before. */
export async function chooseK(
  prisma: Prisma,
  analysisId: string,
  k: number,
  personas: PersonaInput[],
): Promise<Analysis> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.persona.count({ where: { analysisId, source: "kmeans", k } });
    if (existing === 0) await tx.persona.createMany({ data: personas.map((p) => ({ ...p, analysisId })) });
    return tx.analysis.update({ where: { id: analysisId }, data: { chosenK: k } });
  });
}

/** Adds or replaces one map of an analysis. */
export async function saveProjection(
  prisma: Prisma,
  analysisId: string,
  projection: ProjectionInput,
): Promise<void> {
  const data = {
    params: projection.params,
    rowIndices: toBytes(projection.rowIndices),
    coords: toBytes(projection.coords),
    quality: projection.quality,
  };
  await prisma.projection.upsert({
    where: { analysisId_method: { analysisId, method: projection.method } },
    create: { analysisId, method: projection.method, ...data },
    update: data,
  });
}

export async function getProjection(
  prisma: Prisma,
  analysisId: string,
  method: string,
): Promise<Projection | null> {
  return prisma.projection.findUnique({ where: { analysisId_method: { analysisId, method } } });
}
