import { KindredError } from "@kindred/engine/errors";
import type { Prisma } from "./database.ts";
import type { TargetList } from "./generated/client.ts";

export type { TargetList };

export interface NewMember {
  /** Customer.id */
  customerId: number;
  similarity: number | null;
  probability: number | null;
  score: number | null;
}

export interface MemberRow {
  rank: number;
  customerKey: string;
  similarity: number | null;
  probability: number | null;
  score: number | null;
  label: number | null;
  attributes: Record<string, string>;
}

const CHUNK = 5000;

/** A list and its members, ranked in the given order, in one transaction. */
export async function createTargetList(
  prisma: Prisma,
  input: {
    runId: string;
    name: string;
    source: string;
    params: object;
    createdById: string | null;
    members: NewMember[];
  },
): Promise<TargetList> {
  return prisma.$transaction(
    async (tx) => {
      const list = await tx.targetList.create({
        data: {
          runId: input.runId,
          name: input.name,
          source: input.source,
          params: input.params,
          rowCount: input.members.length,
          createdById: input.createdById,
        },
      });
      for (let start = 0; start < input.members.length; start += CHUNK) {
        const chunk = input.members.slice(start, start + CHUNK).map((m, i) => ({
          r: start + i + 1,
          c: m.customerId,
          s: m.similarity,
          p: m.probability,
          o: m.score,
        }));
        await tx.$executeRaw`
          INSERT INTO "TargetListMember" ("listId", "rank", "customerId", "similarity", "probability", "score")
          SELECT ${list.id}, (x->>'r')::int, (x->>'c')::int, (x->>'s')::float8, (x->>'p')::float8, (x->>'o')::float8
          FROM jsonb_array_elements(${JSON.stringify(chunk)}::jsonb) AS x`;
      }
      return list;
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

export async function findTargetList(prisma: Prisma, id: string): Promise<TargetList | null> {
  return prisma.targetList.findUnique({ where: { id } });
}

export async function getTargetList(prisma: Prisma, id: string): Promise<TargetList> {
  const list = await findTargetList(prisma, id);
  if (!list) throw new KindredError("NOT_FOUND", `no target list "${id}"`, { field: "id" });
  return list;
}

export async function listTargetLists(
  prisma: Prisma,
  filter: { runId?: string },
  page: { limit: number; offset: number },
): Promise<{ items: TargetList[]; total: number }> {
  const where = filter.runId ? { runId: filter.runId } : {};
  const [items, total] = await Promise.all([
    prisma.targetList.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: page.limit,
      skip: page.offset,
    }),
    prisma.targetList.count({ where }),
  ]);
  return { items, total };
}

/** Members from rank offset + 1, with the customer's id, label and raw attributes. */
export async function listMembers(
  prisma: Prisma,
  listId: string,
  page: { limit: number; offset: number },
): Promise<MemberRow[]> {
  const rows = await prisma.targetListMember.findMany({
    where: { listId },
    orderBy: { rank: "asc" },
    take: page.limit,
    skip: page.offset,
    select: {
      rank: true,
      similarity: true,
      probability: true,
      score: true,
      customer: { select: { customerKey: true, label: true, attributes: true } },
    },
  });
  return rows.map((row) => ({
    rank: row.rank,
    customerKey: row.customer.customerKey,
    similarity: row.similarity,
    probability: row.probability,
    score: row.score,
    label: row.customer.label,
    attributes: row.customer.attributes as Record<string, string>,
  }));
}

/** Every member in rank order, a chunk at a time (exports stream large lists). */
export async function* memberChunks(prisma: Prisma, listId: string): AsyncGenerator<MemberRow[]> {
  for (let offset = 0; ; offset += CHUNK) {
    const rows = await listMembers(prisma, listId, { limit: CHUNK, offset });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < CHUNK) return;
  }
}

export async function deleteTargetList(prisma: Prisma, id: string): Promise<void> {
  await getTargetList(prisma, id);
  await prisma.targetList.delete({ where: { id } });
}
