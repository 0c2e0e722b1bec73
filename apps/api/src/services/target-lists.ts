import { KindredError } from "@kindred/engine/errors";
import type { AppContext } from "../context.ts";
import { getPersona, loadLabels } from "../store/analysis-store.ts";
import { recordAuditEvent } from "../store/audit-store.ts";
import { getRun, loadRunRows, type Run } from "../store/run-store.ts";
import {
  getTargetList,
  type MemberRow,
  memberChunks,
  type NewMember,
  createTargetList as storeList,
  type TargetList,
} from "../store/target-list-store.ts";
import { csvField } from "./csv-file.ts";
import { type LookalikeInput, runLookalike } from "./lookalike.ts";

/** Where a list's customers come from: exactly one of these. */
export interface TargetSource {
  lookalike?: Omit<LookalikeInput, "runId">;
  personaId?: string;
  customerIds?: string[];
}

const NAME_LIMIT = 120;

/**
 * A campaign list from a lookalike result (ranked by score), a persona (its members, most
 * likely first) or given customer ids (in the order given), stored with its members in one
 * transaction. Unknown ids are an error naming the first one: a list is exactly what was asked.
 */
export async function createTargetList(
  ctx: AppContext,
  input: { runId: string; name: string; from: TargetSource; createdById: string | null },
): Promise<TargetList> {
  const prisma = ctx.db.prisma;
  const name = input.name.trim();
  if (name === "" || name.length > NAME_LIMIT) {
    throw new KindredError("INVALID_CONFIG", `name must be 1 to ${NAME_LIMIT} characters`, { field: "name" });
  }
  const sources = (["lookalike", "personaId", "customerIds"] as const).filter(
    (k) => input.from[k] !== undefined,
  );
  if (sources.length !== 1) {
    throw new KindredError("INVALID_CONFIG", "give exactly one source: lookalike, personaId or customerIds", {
      field: "from",
    });
  }
  const run = await getRun(prisma, input.runId);
  const source = sources[0] as (typeof sources)[number];
  const { members, params } = await membersOf(ctx, run, input.from, source);
  if (members.length === 0) {
    throw new KindredError("INVALID_CONFIG", "the list would be empty", { field: "from" });
  }
  return storeList(prisma, {
    runId: run.id,
    name,
    source: source === "personaId" ? "persona" : source === "customerIds" ? "ids" : "lookalike",
    params,
    createdById: input.createdById,
    members,
  });
}

async function membersOf(
  ctx: AppContext,
  run: Run,
  from: TargetSource,
  source: "lookalike" | "personaId" | "customerIds",
): Promise<{ members: NewMember[]; params: object }> {
  const rows = await loadRunRows(ctx.db.prisma, run);
  const rowOf = new Map(rows.customerKeys.map((key, r) => [key, r]));
  const member = (r: number, similarity: number | null = null, score: number | null = null): NewMember => ({
    customerId: rows.customerIds[r] as number,
    similarity,
    probability: rows.probabilities ? (rows.probabilities[r] as number) : null,
    score,
  });
  if (source === "lookalike") {
    const lookalike = from.lookalike as Omit<LookalikeInput, "runId">;
    const result = await runLookalike(ctx, { ...lookalike, runId: run.id, evaluate: false });
    return {
      members: result.results.map((hit) =>
        member(rowOf.get(hit.customerId) as number, hit.similarity, hit.score),
      ),
      params: { lookalike, seeds: result.seeds },
    };
  }
  if (source === "personaId") {
    const persona = await getPersona(ctx.db.prisma, from.personaId as string);
    const analysis = await ctx.db.prisma.analysis.findUnique({ where: { id: persona.analysisId } });
    if (analysis?.runId !== run.id) {
      throw new KindredError("INVALID_CONFIG", `persona "${persona.id}" belongs to another run`, {
        field: "personaId",
      });
    }
    const labels = await loadLabels(
      ctx.db.prisma,
      persona.analysisId,
      persona.source === "rules" ? "rules" : `kmeans:${persona.k}`,
    );
    const picked: number[] = [];
    labels?.forEach((label, r) => {
      if (label === persona.segmentId) picked.push(r);
    });
    const p = rows.probabilities;
    if (p) picked.sort((a, b) => (p[b] as number) - (p[a] as number) || a - b);
    return {
      members: picked.map((r) => member(r)),
      params: { personaId: persona.id, persona: persona.name },
    };
  }
  const ids = [...new Set((from.customerIds ?? []).map((id) => id.trim()).filter((id) => id !== ""))];
  const unknown = ids.find((id) => !rowOf.has(id));
  if (unknown !== undefined) {
    throw new KindredError("NOT_FOUND", `customer "${unknown}" is not in this run's dataset`, {
      field: "customerIds",
    });
  }
  return { members: ids.map((id) => member(rowOf.get(id) as number)), params: { customerIds: ids.length } };
}

/** Columns an export may have: the list's own, then any of the dataset's raw columns. */
export const LIST_COLUMNS = ["rank", "customer_id", "similarity", "probability", "score", "label"] as const;

export function exportColumns(requested: string | undefined, datasetColumns: string[]): string[] {
  const columns = requested
    ? requested
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean)
    : [...LIST_COLUMNS];
  if (columns.length === 0) {
    throw new KindredError("INVALID_CONFIG", "columns: name at least one column", { field: "columns" });
  }
  for (const column of columns) {
    if (!(LIST_COLUMNS as readonly string[]).includes(column) && !datasetColumns.includes(column)) {
      throw new KindredError(
        "UNKNOWN_COLUMN",
        `columns: "${column}" is neither a list column (${LIST_COLUMNS.join(", ")}) nor a column of the dataset`,
        { field: "columns", column },
      );
    }
  }
  return columns;
}

function cell(row: MemberRow, column: string): string {
  switch (column) {
    case "rank":
      return String(row.rank);
    case "customer_id":
      return csvField(row.customerKey);
    case "similarity":
    case "probability":
    case "score":
    case "label": {
      const value = column === "label" ? row.label : row[column];
      return value === null ? "" : String(value);
    }
    default:
      return csvField(row.attributes[column] ?? "");
  }
}

/**
 * Streams a target list as CSV lines (header first) with the chosen columns, and records the
 * export in the audit log (who, when, which list, how many rows) once it is complete.
 */
export async function* exportTargetListCsv(
  ctx: AppContext,
  input: { listId: string; columns?: string; userId: string | null },
): AsyncGenerator<string> {
  const prisma = ctx.db.prisma;
  const list = await getTargetList(prisma, input.listId);
  const dataset = await prisma.dataset.findFirstOrThrow({ where: { runs: { some: { id: list.runId } } } });
  const datasetColumns = (dataset.schema as { columns: { name: string }[] }).columns.map((c) => c.name);
  const columns = exportColumns(input.columns, datasetColumns);
  yield `${columns.map(csvField).join(",")}\n`;
  let rows = 0;
  for await (const chunk of memberChunks(prisma, list.id)) {
    yield chunk.map((row) => `${columns.map((c) => cell(row, c)).join(",")}\n`).join("");
    rows += chunk.length;
  }
  await recordAuditEvent(prisma, {
    userId: input.userId,
    action: "export",
    subject: `targetList:${list.id}`,
    rows,
    detail: { list: list.name, runId: list.runId, columns },
  });
}
