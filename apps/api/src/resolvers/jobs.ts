import { GraphQLError } from "graphql";
import type { JobRunner } from "../jobs/job-runner.ts";
import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import { findJob, getJob, type Job, listJobs } from "../store/job-store.ts";
import { findRun } from "../store/run-store.ts";
import { getUser } from "../store/user-store.ts";
import { pageOf, pageResult } from "./pagination.ts";
import { payload } from "./payload.ts";

const ENDED = new Set(["succeeded", "failed", "cancelled"]);

/** The job's updates as an async iterator, from its current state until it ends. */
async function* progressOf(jobs: JobRunner, first: Job): AsyncGenerator<{ jobProgress: Job }> {
  const queue: Job[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = jobs.subscribe(first.id, (job) => {
    queue.push(job);
    wake?.();
  });
  try {
    yield { jobProgress: first };
    if (ENDED.has(first.status)) return;
    for (;;) {
      if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const job = queue.shift() as Job;
      yield { jobProgress: job };
      if (ENDED.has(job.status)) return;
    }
  } finally {
    unsubscribe();
  }
}

export const jobResolvers: Resolvers = {
  Query: {
    job: (_, { id }, { app }) => findJob(app.db.prisma, id),
    jobs: async (_, { status, page }, { app }) => {
      const p = pageOf(page);
      const { items, total } = await listJobs(app.db.prisma, status ? { status } : {}, p);
      return pageResult(items, total, p);
    },
  },
  Mutation: {
    cancelJob: (_, { id }, { app, jobs }) =>
      payload(async () => {
        await getJob(app.db.prisma, id);
        return { job: await jobs.cancel(id) };
      }),
    retryJob: (_, { id }, { jobs, viewer }) =>
      payload(async () => ({ job: await jobs.retry(id, viewer?.userId ?? null) })),
  },
  Subscription: {
    jobProgress: {
      subscribe: async (_, { id }, { app, jobs }) => {
        const job = await findJob(app.db.prisma, id);
        if (!job)
          throw new GraphQLError(`no job "${id}"`, { extensions: { code: "NOT_FOUND", field: "id" } });
        return progressOf(jobs, job);
      },
    },
  },
  Job: {
    error: (job) =>
      job.errorCode
        ? {
            code: job.errorCode,
            message: job.errorMessage ?? "",
            field: job.errorField,
            row: null,
            line: null,
            column: null,
          }
        : null,
    result: (job) => job.result,
    run: (job, _, { app }) => (job.runId ? findRun(app.db.prisma, job.runId) : null),
    createdBy: (job, _, { app }) =>
      job.createdById ? getUser(app.db.prisma, job.createdById).catch(() => null) : null,
  },
};
