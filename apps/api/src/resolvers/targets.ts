import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import { createTargetList } from "../services/target-lists.ts";
import { getRun } from "../store/run-store.ts";
import {
  deleteTargetList,
  findTargetList,
  listMembers,
  listTargetLists,
} from "../store/target-list-store.ts";
import { getUser } from "../store/user-store.ts";
import { lookalikeInput } from "./inputs.ts";
import { pageOf, pageResult } from "./pagination.ts";
import { payload } from "./payload.ts";

export const targetResolvers: Resolvers = {
  Query: {
    targetLists: async (_, { runId, page }, { app }) => {
      const p = pageOf(page);
      const { items, total } = await listTargetLists(app.db.prisma, runId ? { runId } : {}, p);
      return pageResult(items, total, p);
    },
    targetList: (_, { id }, { app }) => findTargetList(app.db.prisma, id),
  },
  Mutation: {
    createTargetList: (_, { input }, { app, viewer }) =>
      payload(async () => {
        const { lookalike, personaId, customerIds } = input.from;
        const from = {
          ...(lookalike ? { lookalike: { ...lookalikeInput({ ...lookalike, runId: input.runId }) } } : {}),
          ...(personaId ? { personaId } : {}),
          ...(customerIds ? { customerIds } : {}),
        };
        const targetList = await createTargetList(app, {
          runId: input.runId,
          name: input.name,
          from,
          createdById: viewer?.userId ?? null,
        });
        return { targetList };
      }),
    deleteTargetList: (_, { id }, { app }) =>
      payload(async () => {
        await deleteTargetList(app.db.prisma, id);
        return {};
      }),
  },
  TargetList: {
    run: (list, _, { app }) => getRun(app.db.prisma, list.runId),
    source: (list) => list.source as "lookalike" | "persona" | "ids",
    params: (list) => list.params,
    createdBy: (list, _, { app }) =>
      list.createdById ? getUser(app.db.prisma, list.createdById).catch(() => null) : null,
    members: async (list, { page }, { app }) => {
      const p = pageOf(page);
      return pageResult(await listMembers(app.db.prisma, list.id, p), list.rowCount, p);
    },
    exportPath: (list) => `/exports/${list.id}.csv`,
  },
  TargetMember: {
    customerId: (member) => member.customerKey,
  },
};
