import { KindredError } from "@kindred/engine/errors";
import type { Prisma } from "./database.ts";
import {
  type ApiToken,
  Prisma as PrismaNamespace,
  type Role,
  type Session,
  type User,
} from "./generated/client.ts";

export type { ApiToken, Role, Session, User };

/** A user without the password hash: what leaves the store for listings. */
export type UserInfo = Omit<User, "passwordHash">;
/** An API token without its hash: what leaves the store for listings. */
export type ApiTokenInfo = Omit<ApiToken, "tokenHash">;

export interface Page {
  limit: number;
  offset: number;
}

export interface PageOf<T> {
  items: T[];
  total: number;
}

/** Prisma's "unique constraint failed" (PostgreSQL 23505), raised when two writers race. */
function isUniqueViolation(error: unknown): boolean {
  return error instanceof PrismaNamespace.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Prisma's "record to update or delete does not exist". */
function isMissingRecord(error: unknown): boolean {
  return error instanceof PrismaNamespace.PrismaClientKnownRequestError && error.code === "P2025";
}

// ── users ───────────────────────────────────────────────────────────────────────────────────────

/** Creates a user; an email already taken (even by a concurrent writer) is a CONFLICT on "email". */
export async function createUser(
  prisma: Prisma,
  input: { email: string; passwordHash: string; role: Role },
): Promise<User> {
  const conflict = () =>
    new KindredError("CONFLICT", `a user with email "${input.email}" already exists`, { field: "email" });
  try {
    // ON CONFLICT DO NOTHING rather than a failing INSERT: a failed statement makes pg-pool drop
    // its connection, and the embedded store's one-connection socket may refuse the replacement.
    const [user] = await prisma.user.createManyAndReturn({ data: [input], skipDuplicates: true });
    if (!user) throw conflict();
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}

export async function findUserById(prisma: Prisma, id: string): Promise<User | null> {
  return prisma.user.findUnique({ where: { id } });
}

/** `email` must already be normalized (lower case): the column is compared exactly. */
export async function findUserByEmail(prisma: Prisma, email: string): Promise<User | null> {
  return prisma.user.findUnique({ where: { email } });
}

export async function getUser(prisma: Prisma, id: string): Promise<User> {
  const user = await findUserById(prisma, id);
  if (!user) throw new KindredError("NOT_FOUND", `no user "${id}"`, { field: "userId" });
  return user;
}

export async function countUsers(prisma: Prisma): Promise<number> {
  return prisma.user.count();
}

/** Admins who can still log in, optionally not counting one user (the one about to change). */
export async function countActiveAdmins(prisma: Prisma, exceptUserId?: string): Promise<number> {
  return prisma.user.count({
    where: { role: "admin", disabledAt: null, ...(exceptUserId ? { id: { not: exceptUserId } } : {}) },
  });
}

/** Oldest first, so pages stay stable while users are added. */
export async function listUsers(prisma: Prisma, page: Page): Promise<PageOf<UserInfo>> {
  const [items, total] = await Promise.all([
    prisma.user.findMany({
      omit: { passwordHash: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: page.limit,
      skip: page.offset,
    }),
    prisma.user.count(),
  ]);
  return { items, total };
}

export interface UserPatch {
  role?: Role;
  passwordHash?: string;
  /** null re-enables the user. */
  disabledAt?: Date | null;
}

export async function updateUser(prisma: Prisma, id: string, patch: UserPatch): Promise<User> {
  try {
    return await prisma.user.update({ where: { id }, data: patch });
  } catch (error) {
    if (isMissingRecord(error)) throw new KindredError("NOT_FOUND", `no user "${id}"`, { field: "userId" });
    throw error;
  }
}

// ── sessions ────────────────────────────────────────────────────────────────────────────────────

export async function createSession(
  prisma: Prisma,
  input: { userId: string; tokenHash: string; expiresAt: Date },
): Promise<Session> {
  return prisma.session.create({ data: input });
}

/** The session with its user, expired or not: the caller decides what counts as valid. */
export async function findSessionByTokenHash(
  prisma: Prisma,
  tokenHash: string,
): Promise<(Session & { user: User }) | null> {
  return prisma.session.findUnique({ where: { tokenHash }, include: { user: true } });
}

/** Deletes the session with this token hash; returns it (for its user), or null when there was none. */
export async function deleteSession(prisma: Prisma, tokenHash: string): Promise<Session | null> {
  try {
    return await prisma.session.delete({ where: { tokenHash } });
  } catch (error) {
    if (isMissingRecord(error)) return null;
    throw error;
  }
}

/** Logs a user out everywhere; returns how many sessions ended. */
export async function deleteUserSessions(prisma: Prisma, userId: string): Promise<number> {
  return (await prisma.session.deleteMany({ where: { userId } })).count;
}

export async function deleteExpiredSessions(prisma: Prisma, now: Date = new Date()): Promise<number> {
  return (await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}

// ── API tokens ──────────────────────────────────────────────────────────────────────────────────

export async function createApiToken(
  prisma: Prisma,
  input: { userId: string; name: string; tokenHash: string },
): Promise<ApiTokenInfo> {
  return prisma.apiToken.create({ data: input, omit: { tokenHash: true } });
}

/** The token with its user, revoked or not: the caller decides what counts as valid. */
export async function findApiTokenByHash(
  prisma: Prisma,
  tokenHash: string,
): Promise<(ApiToken & { user: User }) | null> {
  return prisma.apiToken.findUnique({ where: { tokenHash }, include: { user: true } });
}

export async function getApiToken(prisma: Prisma, id: string): Promise<ApiTokenInfo> {
  const token = await prisma.apiToken.findUnique({ where: { id }, omit: { tokenHash: true } });
  if (!token) throw new KindredError("NOT_FOUND", `no API token "${id}"`, { field: "id" });
  return token;
}

/** Every token (or one user's), newest first, revoked ones included. */
export async function listApiTokens(prisma: Prisma, userId?: string): Promise<ApiTokenInfo[]> {
  return prisma.apiToken.findMany({
    where: userId ? { userId } : {},
    omit: { tokenHash: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** Marks a token revoked; revoking twice keeps the first time. */
export async function revokeApiToken(
  prisma: Prisma,
  id: string,
  at: Date = new Date(),
): Promise<ApiTokenInfo> {
  await prisma.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  return getApiToken(prisma, id);
}

export async function touchApiToken(prisma: Prisma, id: string, at: Date = new Date()): Promise<void> {
  // updateMany: a token deleted meanwhile (its user removed) is not an error here.
  await prisma.apiToken.updateMany({ where: { id }, data: { lastUsedAt: at } });
}
