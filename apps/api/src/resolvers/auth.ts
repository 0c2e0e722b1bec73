import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import {
  AuthError,
  createApiToken,
  createUser,
  listApiTokens,
  listUsers,
  login,
  logout,
  revokeApiToken,
  updateUser,
} from "../services/auth.ts";
import { listAuditEvents } from "../store/audit-store.ts";
import { getUser } from "../store/user-store.ts";
import { defined } from "./inputs.ts";
import { pageOf, pageResult } from "./pagination.ts";
import { payload } from "./payload.ts";

export const authResolvers: Resolvers = {
  Query: {
    me: async (_, __, { app, viewer }) => getUser(app.db.prisma, viewer?.userId as string),
    users: async (_, { page }, { app }) => {
      const p = pageOf(page);
      const { items, total } = await listUsers(app, p);
      return pageResult(items, total, p);
    },
    apiTokens: (_, { userId }, { app }) => listApiTokens(app, userId ?? undefined),
    auditLog: async (_, { action, page }, { app }) => {
      const p = pageOf(page);
      const { items, total } = await listAuditEvents(app.db.prisma, { ...p, ...(action ? { action } : {}) });
      return pageResult(items, total, p);
    },
  },
  Mutation: {
    login: async (_, { email, password }, { app, session }) => {
      try {
        const { token, expiresAt, viewer } = await login(app, email, password);
        session.set(token, expiresAt);
        return { ok: true, error: null, token, expiresAt, user: await getUser(app.db.prisma, viewer.userId) };
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        const fail = {
          code: error.code,
          message: error.message,
          field: "password",
          row: null,
          line: null,
          column: null,
        };
        return { ok: false, error: fail, token: null, expiresAt: null, user: null };
      }
    },
    logout: async (_, __, { app, token, viewer, session }) => {
      if (token && viewer?.via === "session") await logout(app, token);
      session.clear();
      return { ok: true, error: null };
    },
    createUser: (_, { input }, { app, viewer }) =>
      payload(async () => ({ user: await createUser(app, input, viewer) })),
    updateUser: (_, { id, input }, { app, viewer }) =>
      payload(async () => ({ user: await updateUser(app, id, defined(input), viewer) })),
    createApiToken: (_, { name, userId }, { app, viewer }) =>
      payload(async () =>
        createApiToken(app, { name, userId: userId ?? (viewer?.userId as string) }, viewer),
      ),
    revokeApiToken: (_, { id }, { app, viewer }) =>
      payload(async () => {
        await revokeApiToken(app, id, viewer);
        return {};
      }),
  },
  User: {
    disabled: (user) => user.disabledAt !== null,
  },
  ApiToken: {
    user: (token, _, { app }) => getUser(app.db.prisma, token.userId),
    revoked: (token) => token.revokedAt !== null,
  },
  AuditEvent: {
    user: async (event, _, { app }) =>
      event.userId ? getUser(app.db.prisma, event.userId).catch(() => null) : null,
    detail: (event) => event.detail,
  },
};
