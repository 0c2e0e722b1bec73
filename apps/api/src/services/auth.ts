import { createHash, randomBytes } from "node:crypto";
import { isKindredError, KindredError } from "@kindred/engine/errors";
import { z } from "zod";
import type { AppContext } from "../context.ts";
import { recordAuditEvent } from "../store/audit-store.ts";
import type { Database } from "../store/database.ts";
import {
  type ApiTokenInfo,
  countActiveAdmins,
  countUsers,
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findApiTokenByHash,
  findSessionByTokenHash,
  findUserByEmail,
  getUser,
  createApiToken as insertApiToken,
  createUser as insertUser,
  revokeApiToken as markApiTokenRevoked,
  type PageOf,
  updateUser as patchUser,
  listApiTokens as selectApiTokens,
  listUsers as selectUsers,
  touchApiToken,
  type User,
  type UserInfo,
  type UserPatch,
} from "../store/user-store.ts";
import { checkPasswordStrength, hashPassword, verifyPassword } from "./passwords.ts";

export type { ApiTokenInfo, PageOf, UserInfo };

// ── roles and viewers ───────────────────────────────────────────────────────────────────────────

export type Role = "viewer" | "analyst" | "admin";
export const ROLES: readonly Role[] = ["viewer", "analyst", "admin"];
const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

/** Who is making a request, and how they proved it. */
export interface Viewer {
  userId: string;
  email: string;
  role: Role;
  via: "session" | "token";
}

export type AuthErrorCode = "UNAUTHENTICATED" | "FORBIDDEN";

/**
 * Not signed in (401) or not allowed (403). Separate from KindredError, whose codes describe bad
 * input; callers branch on `code` or `status`, never on the message.
 */
export class AuthError extends Error {
  readonly code: AuthErrorCode;
  readonly status: 401 | 403;

  constructor(code: AuthErrorCode, message: string) {
    super(message);
    this.name = "AuthError";
    this.code = code;
    this.status = code === "UNAUTHENTICATED" ? 401 : 403;
  }
}

export function isAuthError(error: unknown, code?: AuthErrorCode): error is AuthError {
  return error instanceof AuthError && (code === undefined || error.code === code);
}

/** viewer < analyst < admin: each role may do everything the lower ones may. */
export function hasRole(viewer: Viewer, required: Role): boolean {
  return RANK[viewer.role] >= RANK[required];
}

/** The viewer, when signed in with at least `required`; else AuthError 401 (nobody) or 403 (too low). */
export function requireRole(viewer: Viewer | null, required: Role): Viewer {
  if (!viewer) throw new AuthError("UNAUTHENTICATED", "sign in first");
  if (!hasRole(viewer, required)) {
    throw new AuthError("FORBIDDEN", `this needs the ${required} role; ${viewer.email} is ${viewer.role}`);
  }
  return viewer;
}

// ── tokens ──────────────────────────────────────────────────────────────────────────────────────

/** API tokens carry a prefix so they are recognizable in logs and secret scanners, and routable here. */
export const API_TOKEN_PREFIX = "kdr_";
/** Anything longer is not one of ours: refuse it before hashing or a lookup. */
const MAX_TOKEN_LENGTH = 256;
const TOKEN_BYTES = 32;

/** SHA-256 hex of a token: the only form sessions and API tokens are stored in. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

// ── the credential cache ────────────────────────────────────────────────────────────────────────

/**
 * Hot paths (a dashboard page fires dozens of requests) must not query the database for every
 * request: a resolved credential is remembered for 30 s per process, keyed by token hash, and
 * concurrent lookups of one token share a single query. Logout, revocation and user updates in
 * this process clear the affected entries at once; other processes notice within 30 s.
 */
const CACHE_TTL_MS = 30_000;
const CACHE_MAX_ENTRIES = 10_000;
/** lastUsedAt is a hint for admins, not a log: written at most once a minute per token. */
const TOUCH_INTERVAL_MS = 60_000;

interface Credential {
  viewer: Viewer;
  tokenId?: string;
  /** Sessions end at their expiry even while cached; API tokens do not expire. */
  validUntil: number;
  /** Last lastUsedAt written (or read) for an API token, ms. */
  lastUsed: number;
}

interface CacheEntry {
  expires: number;
  lookup: Promise<Credential | null>;
  /** Set once the lookup settles; undefined while it is in flight. */
  settled?: Credential | null;
}

class CredentialCache {
  private readonly entries = new Map<string, CacheEntry>();

  get(tokenHash: string, now: number): CacheEntry | undefined {
    const entry = this.entries.get(tokenHash);
    if (entry && entry.expires <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  set(tokenHash: string, entry: CacheEntry, now: number): void {
    if (this.entries.size >= CACHE_MAX_ENTRIES) {
      for (const [key, e] of this.entries) if (e.expires <= now) this.entries.delete(key);
      // Still full: drop the oldest (Maps iterate in insertion order).
      const oldest = this.entries.keys().next();
      if (this.entries.size >= CACHE_MAX_ENTRIES && !oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(tokenHash, entry);
  }

  /** Removes `entry` unless it was replaced meanwhile. */
  drop(tokenHash: string, entry: CacheEntry): void {
    if (this.entries.get(tokenHash) === entry) this.entries.delete(tokenHash);
  }

  delete(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  /**
   * Removes every entry matching `stale`, and every lookup still in flight: one of those may have
   * read the row just before the change and would otherwise be remembered for 30 s.
   */
  forget(stale: (credential: Credential) => boolean): void {
    for (const [key, entry] of this.entries) {
      if (entry.settled === undefined || (entry.settled !== null && stale(entry.settled))) {
        this.entries.delete(key);
      }
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/** One cache per open database, so two stores in one process (tests) never share entries. */
const caches = new WeakMap<Database, CredentialCache>();

function cacheOf(ctx: AppContext): CredentialCache {
  let cache = caches.get(ctx.db);
  if (!cache) {
    cache = new CredentialCache();
    caches.set(ctx.db, cache);
  }
  return cache;
}

/** Forgets every remembered credential of this process (after changes made outside these use cases). */
export function clearAuthCache(ctx: AppContext): void {
  cacheOf(ctx).clear();
}

/**
 * The viewer a session token or API token ("kdr_…") stands for, or null when it is unknown,
 * expired, revoked, or its user is disabled.
 */
export async function authenticate(
  ctx: AppContext,
  token: string | null | undefined,
): Promise<Viewer | null> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const tokenHash = hashToken(token);
  const cache = cacheOf(ctx);
  let entry = cache.get(tokenHash, Date.now());
  if (!entry) {
    const created: CacheEntry = {
      expires: Date.now() + CACHE_TTL_MS,
      lookup: lookupCredential(ctx, tokenHash, token.startsWith(API_TOKEN_PREFIX)),
    };
    cache.set(tokenHash, created, Date.now());
    created.lookup.then(
      (credential) => {
        created.settled = credential;
        // A miss is not remembered: the token may be one being created right now elsewhere.
        if (!credential) cache.drop(tokenHash, created);
        else created.expires = Math.min(created.expires, credential.validUntil);
      },
      () => cache.drop(tokenHash, created),
    );
    entry = created;
  }
  const credential = await entry.lookup;
  const now = Date.now();
  if (!credential || credential.validUntil <= now) return null;
  if (credential.tokenId && now - credential.lastUsed >= TOUCH_INTERVAL_MS) {
    // Set before the write, so concurrent requests with this token do not write too.
    credential.lastUsed = now;
    // Bookkeeping only: a failed write must not refuse a valid token.
    await touchApiToken(ctx.db.prisma, credential.tokenId, new Date(now)).catch(() => {});
  }
  return credential.viewer;
}

async function lookupCredential(
  ctx: AppContext,
  tokenHash: string,
  isApiToken: boolean,
): Promise<Credential | null> {
  const prisma = ctx.db.prisma;
  if (isApiToken) {
    const row = await findApiTokenByHash(prisma, tokenHash);
    if (!row || row.revokedAt || row.user.disabledAt) return null;
    return {
      viewer: viewerOf(row.user, "token"),
      tokenId: row.id,
      validUntil: Number.POSITIVE_INFINITY,
      lastUsed: row.lastUsedAt?.getTime() ?? 0,
    };
  }
  const session = await findSessionByTokenHash(prisma, tokenHash);
  if (!session || session.expiresAt.getTime() <= Date.now() || session.user.disabledAt) return null;
  return { viewer: viewerOf(session.user, "session"), validUntil: session.expiresAt.getTime(), lastUsed: 0 };
}

function viewerOf(user: User, via: Viewer["via"]): Viewer {
  // Frozen: the same object is handed to every request that presents this token.
  return Object.freeze({ userId: user.id, email: user.email, role: user.role, via });
}

// ── sessions ────────────────────────────────────────────────────────────────────────────────────

const WRONG_CREDENTIALS = "wrong email or password";
const MAX_EMAIL_LENGTH = 254;

/**
 * A real scrypt hash (same cost as new hashes) of a random password nobody knows: unknown emails
 * are verified against it, so they take as long as a wrong password. A constant, so that even the
 * first unknown email does not pay for hashing it.
 */
const DUMMY_HASH = "scrypt$32768$8$1$fBXKbNyfSPE/wFEP2+rFTw==$/cJnc4MR+s6szWnjECpn8/UWXQZyNJeKEPjHqARX2uU=";

/**
 * Starts a dashboard session. Unknown email, wrong password and disabled user all get the same
 * AuthError 401 after the same scrypt work, so the answer does not reveal which emails exist.
 */
export async function login(
  ctx: AppContext,
  email: string,
  password: string,
): Promise<{ token: string; expiresAt: Date; viewer: Viewer }> {
  const prisma = ctx.db.prisma;
  const normalized = email.trim().toLowerCase();
  const user = normalized.length <= MAX_EMAIL_LENGTH ? await findUserByEmail(prisma, normalized) : null;
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches || user.disabledAt) {
    const reason = !user ? "unknown-email" : !matches ? "wrong-password" : "disabled";
    await recordAuditEvent(prisma, {
      userId: user?.id ?? null,
      action: "auth.login-failed",
      subject: `email:${normalized.slice(0, MAX_EMAIL_LENGTH)}`,
      detail: { reason },
    });
    throw new AuthError("UNAUTHENTICATED", WRONG_CREDENTIALS);
  }
  const token = newToken();
  const expiresAt = new Date(Date.now() + ctx.env.sessionHours * 3_600_000);
  // Housekeeping at a natural moment, so the table stays small without a scheduler.
  await deleteExpiredSessions(prisma);
  await createSession(prisma, { userId: user.id, tokenHash: hashToken(token), expiresAt });
  await recordAuditEvent(prisma, { userId: user.id, action: "auth.login", subject: `user:${user.id}` });
  return { token, expiresAt, viewer: viewerOf(user, "session") };
}

/** Ends the session of this token (unknown tokens are ignored); returns whether one ended. */
export async function logout(ctx: AppContext, token: string): Promise<boolean> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return false;
  const tokenHash = hashToken(token);
  // Database first, then the cache: a lookup starting in between reads the deleted row.
  const session = await deleteSession(ctx.db.prisma, tokenHash);
  cacheOf(ctx).delete(tokenHash);
  if (!session) return false;
  await recordAuditEvent(ctx.db.prisma, {
    userId: session.userId,
    action: "auth.logout",
    subject: `user:${session.userId}`,
  });
  return true;
}

// ── users ───────────────────────────────────────────────────────────────────────────────────────

const emailSchema = z.email().max(MAX_EMAIL_LENGTH);
const MAX_PAGE = 500;

function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!emailSchema.safeParse(normalized).success) {
    throw new KindredError("INVALID_CONFIG", `"${email.slice(0, 80)}" is not an email address`, {
      field: "email",
    });
  }
  return normalized;
}

function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new KindredError("INVALID_CONFIG", `unknown role "${role}": expected one of ${ROLES.join(", ")}`, {
      field: "role",
    });
  }
  return role as Role;
}

function userInfo(user: User): UserInfo {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    createdAt: user.createdAt,
    disabledAt: user.disabledAt,
  };
}

/**
 * Creates a user. The email is normalized to lower case; an email taken already is a CONFLICT on
 * "email"; a short password is INVALID_CONFIG on "password". `actor` is recorded in the audit log.
 */
export async function createUser(
  ctx: AppContext,
  input: { email: string; password: string; role: Role },
  actor: Viewer | null = null,
): Promise<UserInfo> {
  return addUser(ctx, input, actor, {});
}

async function addUser(
  ctx: AppContext,
  input: { email: string; password: string; role: Role },
  actor: Viewer | null,
  auditDetail: Record<string, string>,
): Promise<UserInfo> {
  const prisma = ctx.db.prisma;
  const email = normalizeEmail(input.email);
  const role = checkRole(input.role);
  checkPasswordStrength(input.password);
  // Checked before hashing to answer fast; the unique index still settles races.
  if (await findUserByEmail(prisma, email)) {
    throw new KindredError("CONFLICT", `a user with email "${email}" already exists`, { field: "email" });
  }
  const user = await insertUser(prisma, { email, role, passwordHash: await hashPassword(input.password) });
  await recordAuditEvent(prisma, {
    userId: actor?.userId ?? null,
    action: "user.create",
    subject: `user:${user.id}`,
    detail: { email, role, ...auditDetail },
  });
  return userInfo(user);
}

/**
 * Creates the admin named by KINDRED_ADMIN_EMAIL / KINDRED_ADMIN_PASSWORD when no user exists yet;
 * returns whether it did. Never touches existing users (a changed password in the environment
 * does not overwrite one set since).
 */
export async function ensureFirstAdmin(ctx: AppContext): Promise<boolean> {
  const { adminEmail, adminPassword } = ctx.env;
  if ((await countUsers(ctx.db.prisma)) > 0) return false;
  if (!adminEmail && !adminPassword) return false;
  if (!adminEmail || !adminPassword) {
    const [missing, present] = adminEmail
      ? ["KINDRED_ADMIN_PASSWORD", "KINDRED_ADMIN_EMAIL"]
      : ["KINDRED_ADMIN_EMAIL", "KINDRED_ADMIN_PASSWORD"];
    throw new KindredError("INVALID_CONFIG", `${present} is set but ${missing} is not`, { field: missing });
  }
  try {
    checkPasswordStrength(adminPassword);
  } catch (error) {
    if (!isKindredError(error)) throw error;
    throw new KindredError("INVALID_CONFIG", `KINDRED_ADMIN_PASSWORD: ${error.message}`, {
      field: "KINDRED_ADMIN_PASSWORD",
    });
  }
  try {
    await addUser(ctx, { email: adminEmail, password: adminPassword, role: "admin" }, null, {
      source: "KINDRED_ADMIN_EMAIL",
    });
    return true;
  } catch (error) {
    // Another process starting at the same moment created it first.
    if (isKindredError(error, "CONFLICT")) return false;
    throw error;
  }
}

/**
 * Changes a user's role, password or disabled state. A new password or disabling ends the user's
 * sessions (API tokens stay, refused while the user is disabled). The last active admin cannot be
 * demoted or disabled: nobody could manage users after that.
 */
export async function updateUser(
  ctx: AppContext,
  id: string,
  patch: { role?: Role; password?: string; disabled?: boolean },
  actor: Viewer | null = null,
): Promise<UserInfo> {
  const prisma = ctx.db.prisma;
  const user = await getUser(prisma, id);
  const data: UserPatch = {};
  if (patch.role !== undefined) data.role = checkRole(patch.role);
  if (patch.password !== undefined) {
    checkPasswordStrength(patch.password);
    data.passwordHash = await hashPassword(patch.password);
  }
  if (patch.disabled !== undefined) data.disabledAt = patch.disabled ? (user.disabledAt ?? new Date()) : null;
  if (Object.keys(data).length === 0) return userInfo(user);

  const activeAdmin = user.role === "admin" && !user.disabledAt;
  const demoted = data.role !== undefined && data.role !== "admin";
  if (activeAdmin && (demoted || patch.disabled === true) && (await countActiveAdmins(prisma, id)) === 0) {
    throw new KindredError("CONFLICT", `${user.email} is the last active admin`, {
      field: demoted ? "role" : "disabled",
    });
  }
  const updated = await patchUser(prisma, id, data);
  if (patch.password !== undefined || patch.disabled === true) await deleteUserSessions(prisma, id);
  cacheOf(ctx).forget((credential) => credential.viewer.userId === id);
  await recordAuditEvent(prisma, {
    userId: actor?.userId ?? null,
    action: "user.update",
    subject: `user:${id}`,
    detail: {
      ...(data.role !== undefined ? { role: data.role } : {}),
      ...(patch.password !== undefined ? { passwordChanged: true } : {}),
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    },
  });
  return userInfo(updated);
}

/** Users oldest first, without password hashes. limit 1..500, offset ≥ 0. */
export async function listUsers(
  ctx: AppContext,
  page: { limit: number; offset: number },
): Promise<PageOf<UserInfo>> {
  checkPage(page);
  return selectUsers(ctx.db.prisma, page);
}

/** Refuses a page that is not whole numbers, or asks for more than 500 rows at once. */
export function checkPage(page: { limit: number; offset: number }): void {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE) {
    throw new KindredError("INVALID_CONFIG", `limit must be a whole number from 1 to ${MAX_PAGE}`, {
      field: "limit",
    });
  }
  if (!Number.isInteger(page.offset) || page.offset < 0) {
    throw new KindredError("INVALID_CONFIG", "offset must be a whole number ≥ 0", { field: "offset" });
  }
}

// ── API tokens ──────────────────────────────────────────────────────────────────────────────────

const MAX_TOKEN_NAME = 80;

/**
 * A bearer token for scripts, acting as `userId`. The token is returned here once; only its
 * SHA-256 is stored, so a lost token is revoked and replaced, never recovered.
 */
export async function createApiToken(
  ctx: AppContext,
  input: { userId: string; name: string },
  actor: Viewer | null = null,
): Promise<{ token: string; apiToken: ApiTokenInfo }> {
  const prisma = ctx.db.prisma;
  const name = input.name.trim();
  if (name === "" || name.length > MAX_TOKEN_NAME) {
    throw new KindredError("INVALID_CONFIG", `a token name needs 1 to ${MAX_TOKEN_NAME} characters`, {
      field: "name",
    });
  }
  const user = await getUser(prisma, input.userId);
  if (user.disabledAt) {
    throw new KindredError("CONFLICT", `${user.email} is disabled: no new tokens`, { field: "userId" });
  }
  const token = API_TOKEN_PREFIX + newToken();
  const apiToken = await insertApiToken(prisma, { userId: user.id, name, tokenHash: hashToken(token) });
  await recordAuditEvent(prisma, {
    userId: actor?.userId ?? null,
    action: "token.create",
    subject: `apiToken:${apiToken.id}`,
    detail: { name, userId: user.id },
  });
  return { token, apiToken };
}

/** Revokes a token at once in this process (within 30 s in others); revoking twice is harmless. */
export async function revokeApiToken(
  ctx: AppContext,
  id: string,
  actor: Viewer | null = null,
): Promise<ApiTokenInfo> {
  const apiToken = await markApiTokenRevoked(ctx.db.prisma, id);
  cacheOf(ctx).forget((credential) => credential.tokenId === id);
  await recordAuditEvent(ctx.db.prisma, {
    userId: actor?.userId ?? null,
    action: "token.revoke",
    subject: `apiToken:${id}`,
    detail: { name: apiToken.name, userId: apiToken.userId },
  });
  return apiToken;
}

/** Every token, or one user's, newest first (revoked ones included), without hashes. */
export async function listApiTokens(ctx: AppContext, userId?: string): Promise<ApiTokenInfo[]> {
  return selectApiTokens(ctx.db.prisma, userId);
}
