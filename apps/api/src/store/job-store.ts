import { KindredError } from "@kindred/engine/errors";
import type { Prisma } from "./database.ts";
import type { Job, JobStatus } from "./generated/client.ts";

export type { Job, JobStatus };

export type JobKind = "train" | "analyze" | "score" | "explain" | "text";

export async function createJob(
  prisma: Prisma,
  input: {
    kind: JobKind;
    input: object;
    createdById?: string | null;
    runId?: string | null;
    datasetId?: string | null;
  },
): Promise<Job> {
  return prisma.job.create({ data: { ...input, status: "queued" } });
}

export async function updateJob(
  prisma: Prisma,
  id: string,
  data: Partial<
    Pick<
      Job,
      | "status"
      | "progress"
      | "stage"
      | "runId"
      | "errorCode"
      | "errorMessage"
      | "errorField"
      | "startedAt"
      | "finishedAt"
    >
  > & { result?: object },
): Promise<Job> {
  return prisma.job.update({ where: { id }, data });
}

export async function findJob(prisma: Prisma, id: string): Promise<Job | null> {
  return prisma.job.findUnique({ where: { id } });
}

export async function getJob(prisma: Prisma, id: string): Promise<Job> {
  const job = await findJob(prisma, id);
  if (!job) throw new KindredError("NOT_FOUND", `no job "${id}"`, { field: "id" });
  return job;
}

export async function listJobs(
  prisma: Prisma,
  filter: { status?: JobStatus; runId?: string },
  page: { limit: number; offset: number },
): Promise<{ items: Job[]; total: number }> {
  const where = {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.runId ? { runId: filter.runId } : {}),
  };
  const [items, total] = await Promise.all([
    prisma.job.findMany({ where, orderBy: { createdAt: "desc" }, take: page.limit, skip: page.offset }),
    prisma.job.count({ where }),
  ]);
  return { items, total };
}

/** The job that trains `runId`, when there is one. */
export async function trainingJobOf(prisma: Prisma, runId: string): Promise<Job | null> {
  return prisma.job.findFirst({ where: { runId, kind: "train" }, orderBy: { createdAt: "desc" } });
}

/** What an interrupted job and its run say: the server stopped under them; they can be retried. */
export const INTERRUPTED_MESSAGE = "interrupted: the server stopped while this was running; retry it";
const INTERRUPTED = {
  status: "failed" as const,
  errorCode: "INTERRUPTED",
  errorMessage: INTERRUPTED_MESSAGE,
};

/**
 * Marks every job left queued or running by a previous process as failed, and every run left
 * running with them: they were interrupted by a crash or restart. Returns the runs' ids so their
 * files (model, vectors) can be removed.
 */
export async function failInterrupted(prisma: Prisma): Promise<{ jobs: number; runIds: string[] }> {
  return prisma.$transaction(async (tx) => {
    const jobs = await tx.job.updateMany({
      where: { status: { in: ["queued", "running"] } },
      data: { ...INTERRUPTED, finishedAt: new Date() },
    });
    const runs = await tx.run.findMany({
      where: { status: { in: ["queued", "running"] } },
      select: { id: true },
    });
    await tx.run.updateMany({
      where: { id: { in: runs.map((r) => r.id) } },
      data: { ...INTERRUPTED, finishedAt: new Date() },
    });
    // A run that never finished has no per-customer rows (they commit with success), and is
    // never anyone's active run (activation follows success).
    return { jobs: jobs.count, runIds: runs.map((r) => r.id) };
  });
}

/**
 * A job stopped by a shutdown: failed as interrupted (retryable), and so is the run it was
 * training, if that run did not finish (a cancelled or running run; a succeeded one stays).
 */
export async function markInterrupted(prisma: Prisma, jobId: string, runId: string | null): Promise<Job> {
  return prisma.$transaction(async (tx) => {
    if (runId) {
      await tx.run.updateMany({
        where: { id: runId, status: { in: ["queued", "running", "cancelled"] } },
        data: { ...INTERRUPTED, finishedAt: new Date() },
      });
    }
    return tx.job.update({
      where: { id: jobId },
      data: { ...INTERRUPTED, stage: "failed", errorField: null, finishedAt: new Date() },
    });
  });
}
