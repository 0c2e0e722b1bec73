import type { AppContext } from "../context.ts";
import { errorFields } from "../log.ts";
import { pingDatabase } from "../store/database.ts";
import { pingQdrant } from "../store/qdrant-index.ts";

export type CheckStatus = "ok" | "failed" | "timeout";

export interface Readiness {
  ready: boolean;
  database: { kind: string; status: CheckStatus };
  vectorIndex: { kind: "embedded" | "qdrant"; status: CheckStatus };
}

const CHECK_TIMEOUT_MS = 2000;

async function check(ctx: AppContext, name: string, probe: () => Promise<void>): Promise<CheckStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckStatus>((resolve) => {
    timer = setTimeout(() => resolve("timeout"), CHECK_TIMEOUT_MS);
  });
  const outcome = probe().then(
    (): CheckStatus => "ok",
    (error: unknown): CheckStatus => {
      ctx.log.warn("readiness.check_failed", { check: name, ...errorFields(error) });
      return "failed";
    },
  );
  try {
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether this process can serve: the database answers, and Qdrant too when it is the vector
 * index (the embedded index lives in this process). Migrations ran before the server started.
 */
export async function readiness(ctx: AppContext): Promise<Readiness> {
  const { qdrantUrl, qdrantApiKey } = ctx.env;
  const [database, vectors] = await Promise.all([
    check(ctx, "database", () => pingDatabase(ctx.db.prisma)),
    qdrantUrl
      ? check(ctx, "qdrant", () => pingQdrant({ url: qdrantUrl, apiKey: qdrantApiKey }))
      : Promise.resolve<CheckStatus>("ok"),
  ]);
  return {
    ready: database === "ok" && vectors === "ok",
    database: { kind: ctx.db.kind, status: database },
    vectorIndex: { kind: qdrantUrl ? "qdrant" : "embedded", status: vectors },
  };
}
