import { randomBytes } from "node:crypto";
import { isKindredError } from "@kindred/engine/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../apps/api/src/context.ts";
import {
  AuthError,
  authenticate,
  clearAuthCache,
  createApiToken,
  createUser,
  ensureFirstAdmin,
  hashToken,
  hasRole,
  isAuthError,
  listApiTokens,
  listUsers,
  login,
  logout,
  requireRole,
  revokeApiToken,
  updateUser,
  type Viewer,
} from "../../apps/api/src/services/auth.ts";
import { listAuditEvents, recordAuditEvent } from "../../apps/api/src/store/audit-store.ts";
import type { Prisma } from "../../apps/api/src/store/database.ts";
import {
  createSession,
  findUserByEmail,
  createUser as insertUser,
} from "../../apps/api/src/store/user-store.ts";
import { createTestStore, postgresReachable, type StoreKind, type TestStore } from "../support/stores.ts";

const ADMIN = { email: "Admin@Example.com", password: "admin password 1" };

async function caught(work: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof work === "function" ? work() : work);
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

function withEnv(ctx: AppContext, env: Partial<AppContext["env"]>): AppContext {
  return { ...ctx, env: { ...ctx.env, ...env } };
}

/**
 * The same store seen through a Prisma client that counts credential look-ups and lastUsedAt
 * writes. A new `db` object also means a new, empty credential cache.
 */
function countingContext(ctx: AppContext): { ctx: AppContext; counts: { lookups: number; touches: number } } {
  const counts = { lookups: 0, touches: 0 };
  const real = ctx.db.prisma;
  const wrapDelegate = (delegate: object) =>
    new Proxy(delegate, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as unknown;
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (prop === "findUnique") counts.lookups++;
          if (prop === "updateMany") counts.touches++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const prisma = new Proxy(real, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (prop === "session" || prop === "apiToken") return wrapDelegate(value as object);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as Prisma;
  return { ctx: { ...ctx, db: { ...ctx.db, prisma } }, counts };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each<StoreKind>(["embedded", "postgresql"])("authentication on the %s store", (kind) => {
  let store: TestStore | undefined;
  let ctx: AppContext;

  beforeAll(async () => {
    if (kind === "postgresql" && !(await postgresReachable())) return;
    store = await createTestStore(kind, {
      KINDRED_ADMIN_EMAIL: ADMIN.email,
      KINDRED_ADMIN_PASSWORD: ADMIN.password,
    });
    ctx = store.ctx;
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("ensureFirstAdmin refuses bad configuration, creates the admin once and never again", async (test) => {
    if (!store) return test.skip();
    const prisma = ctx.db.prisma;
    expect(await ensureFirstAdmin(withEnv(ctx, { adminEmail: undefined, adminPassword: undefined }))).toBe(
      false,
    );

    const weak = await caught(ensureFirstAdmin(withEnv(ctx, { adminPassword: "short" })));
    expect(isKindredError(weak, "INVALID_CONFIG")).toBe(true);
    expect(isKindredError(weak) && weak.location.field).toBe("KINDRED_ADMIN_PASSWORD");
    const half = await caught(ensureFirstAdmin(withEnv(ctx, { adminPassword: undefined })));
    expect(isKindredError(half) && half.location.field).toBe("KINDRED_ADMIN_PASSWORD");
    expect(await prisma.user.count()).toBe(0);

    expect(await ensureFirstAdmin(ctx)).toBe(true);
    expect(await ensureFirstAdmin(ctx)).toBe(false);
    // A different password in the environment later does not overwrite the admin's.
    expect(await ensureFirstAdmin(withEnv(ctx, { adminPassword: "another password 2" }))).toBe(false);
    const users = await prisma.user.findMany();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ email: "admin@example.com", role: "admin", disabledAt: null });
    const session = await login(ctx, ADMIN.email, ADMIN.password);
    expect(session.viewer).toMatchObject({ email: "admin@example.com", role: "admin", via: "session" });
  });

  it("creates users with normalized emails and refuses duplicates, bad emails and weak passwords", async (test) => {
    if (!store) return test.skip();
    const prisma = ctx.db.prisma;
    const user = await createUser(ctx, {
      email: "  Ana@Bank.example ",
      password: "ana password 1",
      role: "analyst",
    });
    expect(user).toMatchObject({ email: "ana@bank.example", role: "analyst", disabledAt: null });
    expect(user).not.toHaveProperty("passwordHash");
    const before = await prisma.user.count();

    const duplicate = await caught(
      createUser(ctx, { email: "ANA@bank.example", password: "other password 1", role: "viewer" }),
    );
    expect(isKindredError(duplicate, "CONFLICT")).toBe(true);
    expect(isKindredError(duplicate) && duplicate.location.field).toBe("email");
    // Two writers racing past the service's check: the unique index answers, still as a CONFLICT.
    const raced = await caught(
      insertUser(prisma, { email: "ana@bank.example", passwordHash: "scrypt$x", role: "viewer" }),
    );
    expect(isKindredError(raced, "CONFLICT") && raced.location.field).toBe("email");

    const badEmail = await caught(
      createUser(ctx, { email: "not-an-email", password: "long enough 1", role: "viewer" }),
    );
    expect(isKindredError(badEmail, "INVALID_CONFIG") && badEmail.location.field).toBe("email");
    const weak = await caught(
      createUser(ctx, { email: "weak@bank.example", password: "123", role: "viewer" }),
    );
    expect(isKindredError(weak, "INVALID_CONFIG") && weak.location.field).toBe("password");
    const badRole = await caught(
      createUser(ctx, { email: "role@bank.example", password: "long enough 1", role: "owner" as "admin" }),
    );
    expect(isKindredError(badRole, "INVALID_CONFIG") && badRole.location.field).toBe("role");
    expect(await prisma.user.count()).toBe(before);
  });

  it("logs in with the right password only, with one message for every failure", async (test) => {
    if (!store) return test.skip();
    await createUser(ctx, { email: "bo@bank.example", password: "bo password 12", role: "viewer" });
    const session = await login(ctx, "BO@bank.example", "bo password 12");
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const hours = (session.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(ctx.env.sessionHours - 0.01);
    expect(hours).toBeLessThanOrEqual(ctx.env.sessionHours);
    expect(await authenticate(ctx, session.token)).toEqual({
      userId: session.viewer.userId,
      email: "bo@bank.example",
      role: "viewer",
      via: "session",
    });

    const wrong = await caught(login(ctx, "bo@bank.example", "bo password 13"));
    const unknown = await caught(login(ctx, "nobody@bank.example", "bo password 12"));
    for (const error of [wrong, unknown]) {
      expect(isAuthError(error, "UNAUTHENTICATED")).toBe(true);
      expect((error as AuthError).status).toBe(401);
    }
    expect((wrong as Error).message).toBe((unknown as Error).message);

    // Disabling ends the sessions at once and refuses new logins with the same answer.
    await updateUser(ctx, session.viewer.userId, { disabled: true });
    expect(await authenticate(ctx, session.token)).toBeNull();
    const disabled = await caught(login(ctx, "bo@bank.example", "bo password 12"));
    expect(isAuthError(disabled, "UNAUTHENTICATED")).toBe(true);
    expect((disabled as Error).message).toBe((wrong as Error).message);
    await updateUser(ctx, session.viewer.userId, { disabled: false });
    expect((await login(ctx, "bo@bank.example", "bo password 12")).viewer.role).toBe("viewer");
  });

  it("refuses expired sessions, including one that expires while remembered", async (test) => {
    if (!store) return test.skip();
    const user = await findUserByEmail(ctx.db.prisma, "admin@example.com");
    const expired = randomBytes(32).toString("base64url");
    await createSession(ctx.db.prisma, {
      userId: user!.id,
      tokenHash: hashToken(expired),
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await authenticate(ctx, expired)).toBeNull();

    const brief = randomBytes(32).toString("base64url");
    await createSession(ctx.db.prisma, {
      userId: user!.id,
      tokenHash: hashToken(brief),
      expiresAt: new Date(Date.now() + 1500),
    });
    expect((await authenticate(ctx, brief))?.email).toBe("admin@example.com");
    await sleep(1600);
    expect(await authenticate(ctx, brief)).toBeNull();
    expect(await authenticate(ctx, "")).toBeNull();
    expect(await authenticate(ctx, "x".repeat(10_000))).toBeNull();
  });

  it("remembers credentials briefly and forgets them on logout", async (test) => {
    if (!store) return test.skip();
    const { token } = await login(ctx, ADMIN.email, ADMIN.password);
    expect(await authenticate(ctx, token)).not.toBeNull();
    // Removed behind the service's back: the cached answer stands until cleared.
    await ctx.db.prisma.session.delete({ where: { tokenHash: hashToken(token) } });
    expect(await authenticate(ctx, token)).not.toBeNull();
    clearAuthCache(ctx);
    expect(await authenticate(ctx, token)).toBeNull();

    const second = await login(ctx, ADMIN.email, ADMIN.password);
    expect(await authenticate(ctx, second.token)).not.toBeNull();
    expect(await logout(ctx, second.token)).toBe(true);
    expect(await authenticate(ctx, second.token)).toBeNull();
    expect(await logout(ctx, second.token)).toBe(false);
  });

  it("API tokens: round trip, one query for 50 concurrent requests, revocation takes effect at once", async (test) => {
    if (!store) return test.skip();
    const owner = await createUser(ctx, {
      email: "script@bank.example",
      password: "script password",
      role: "analyst",
    });
    const { token, apiToken } = await createApiToken(ctx, { userId: owner.id, name: " nightly export " });
    expect(token).toMatch(/^kdr_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({
      name: "nightly export",
      userId: owner.id,
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(apiToken).not.toHaveProperty("tokenHash");

    const counting = countingContext(ctx);
    const viewers = await Promise.all(Array.from({ length: 50 }, () => authenticate(counting.ctx, token)));
    for (const viewer of viewers) {
      expect(viewer).toEqual({
        userId: owner.id,
        email: "script@bank.example",
        role: "analyst",
        via: "token",
      });
    }
    expect(counting.counts).toEqual({ lookups: 1, touches: 1 });
    await authenticate(counting.ctx, token);
    expect(counting.counts).toEqual({ lookups: 1, touches: 1 });
    const [listed] = await listApiTokens(ctx, owner.id);
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
    expect(listed).not.toHaveProperty("tokenHash");

    // A role change shows at once.
    expect((await authenticate(ctx, token))?.role).toBe("analyst");
    await updateUser(ctx, owner.id, { role: "viewer" });
    expect((await authenticate(ctx, token))?.role).toBe("viewer");

    const revoked = await revokeApiToken(ctx, apiToken.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticate(ctx, token)).toBeNull();
    expect((await revokeApiToken(ctx, apiToken.id)).revokedAt).toEqual(revoked.revokedAt);
    expect((await listApiTokens(ctx)).map((t) => t.id)).toContain(apiToken.id);

    const missing = await caught(revokeApiToken(ctx, "no-such-token"));
    expect(isKindredError(missing, "NOT_FOUND")).toBe(true);
    const noUser = await caught(createApiToken(ctx, { userId: "no-such-user", name: "x" }));
    expect(isKindredError(noUser, "NOT_FOUND")).toBe(true);
  });

  it("requireRole: 401 without a viewer, 403 below the role, the viewer otherwise", async (test) => {
    if (!store) return test.skip();
    const viewer: Viewer = { userId: "u1", email: "v@bank.example", role: "viewer", via: "session" };
    const analyst: Viewer = { ...viewer, role: "analyst" };
    const admin: Viewer = { ...viewer, role: "admin" };

    const nobody = await caught(() => requireRole(null, "viewer"));
    expect(nobody).toBeInstanceOf(AuthError);
    expect(nobody).toMatchObject({ code: "UNAUTHENTICATED", status: 401 });
    const low = await caught(() => requireRole(viewer, "analyst"));
    expect(low).toMatchObject({ code: "FORBIDDEN", status: 403 });
    expect(await caught(() => requireRole(analyst, "admin"))).toMatchObject({
      code: "FORBIDDEN",
      status: 403,
    });
    expect(requireRole(admin, "analyst")).toBe(admin);
    expect(requireRole(analyst, "analyst")).toBe(analyst);
    expect([hasRole(viewer, "viewer"), hasRole(viewer, "analyst"), hasRole(admin, "viewer")]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it("keeps the last active admin, and lists users page by page without hashes", async (test) => {
    if (!store) return test.skip();
    const admin = await findUserByEmail(ctx.db.prisma, "admin@example.com");
    const demote = await caught(updateUser(ctx, admin!.id, { role: "analyst" }));
    expect(isKindredError(demote, "CONFLICT") && demote.location.field).toBe("role");
    const disable = await caught(updateUser(ctx, admin!.id, { disabled: true }));
    expect(isKindredError(disable, "CONFLICT") && disable.location.field).toBe("disabled");

    const all = await listUsers(ctx, { limit: 500, offset: 0 });
    expect(all.total).toBe(all.items.length);
    expect(all.items[0]?.email).toBe("admin@example.com");
    for (const user of all.items) expect(user).not.toHaveProperty("passwordHash");
    const page = await listUsers(ctx, { limit: 2, offset: 1 });
    expect(page.total).toBe(all.total);
    expect(page.items.map((u) => u.id)).toEqual(all.items.slice(1, 3).map((u) => u.id));
    const bad = await caught(listUsers(ctx, { limit: 0, offset: 0 }));
    expect(isKindredError(bad, "INVALID_CONFIG") && bad.location.field).toBe("limit");
  });

  it("records audit events and lists them newest first", async (test) => {
    if (!store) return test.skip();
    const prisma = ctx.db.prisma;
    const admin = await findUserByEmail(prisma, "admin@example.com");
    for (const [i, subject] of ["targetList:a", "targetList:b", "targetList:c"].entries()) {
      await recordAuditEvent(prisma, {
        userId: admin!.id,
        action: "export",
        subject,
        rows: 100 * (i + 1),
        detail: { format: "csv" },
      });
      await sleep(3);
    }
    const exports = await listAuditEvents(prisma, { limit: 10, offset: 0, action: "export" });
    expect(exports.total).toBe(3);
    expect(exports.items.map((e) => [e.subject, e.rows])).toEqual([
      ["targetList:c", 300],
      ["targetList:b", 200],
      ["targetList:a", 100],
    ]);
    expect(exports.items[0]).toMatchObject({ userId: admin!.id, detail: { format: "csv" } });
    expect(exports.items[0]?.user?.email).toBe("admin@example.com");
    const page = await listAuditEvents(prisma, { limit: 1, offset: 1, action: "export" });
    expect(page.items.map((e) => e.subject)).toEqual(["targetList:b"]);

    const everything = await listAuditEvents(prisma, { limit: 1000, offset: 0 });
    const times = everything.items.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const actions = new Set(everything.items.map((e) => e.action));
    for (const action of [
      "user.create",
      "user.update",
      "auth.login",
      "auth.login-failed",
      "auth.logout",
      "token.create",
      "token.revoke",
      "export",
    ]) {
      expect(actions, action).toContain(action);
    }
  });

  it("never stores passwords or tokens in clear", async (test) => {
    if (!store) return test.skip();
    const prisma = ctx.db.prisma;
    const password = "clear text password 9";
    const user = await createUser(ctx, { email: "clear@bank.example", password, role: "viewer" });
    const { token: sessionToken } = await login(ctx, "clear@bank.example", password);
    const { token: apiToken } = await createApiToken(ctx, { userId: user.id, name: "clear" });
    await login(ctx, "clear@bank.example", "a wrong password").catch(() => {});

    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    const session = await prisma.session.findUniqueOrThrow({ where: { tokenHash: hashToken(sessionToken) } });
    expect(session.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const tokenRow = await prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(apiToken) } });
    expect(tokenRow.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const everything = JSON.stringify([
      await prisma.user.findMany(),
      await prisma.session.findMany(),
      await prisma.apiToken.findMany(),
      await prisma.auditEvent.findMany(),
    ]);
    for (const secret of [
      password,
      "a wrong password",
      sessionToken,
      apiToken,
      apiToken.slice(4),
      ADMIN.password,
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
});
