import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { acquireDirectoryLock } from "./directory-lock.ts";
import { PrismaClient } from "./generated/client.ts";
import { applyMigrations, type SqlRunner } from "./migrate.ts";

export type Prisma = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: "embedded" | "postgresql";
  /** Human-readable location for logs (no credentials). */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; undefined → embedded PGlite under `dataDir/db`. */
  databaseUrl?: string;
  dataDir: string;
}

/** Opens the relational store and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openEmbedded(options.dataDir);
}

async function openPostgres(url: string): Promise<Database> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await applyMigrations(pgRunner(client));
  } finally {
    await client.end();
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  const location = new URL(url).host + new URL(url).pathname;
  return { prisma, kind: "postgresql", location, close: () => prisma.$disconnect() };
}

/**
 * PostgreSQL compiled to WebAssembly, in this process, persisted to a folder: no server to
 * install. Prisma reaches it through PGlite's wire-protocol socket on a loopback port, so the
 * same client and SQL serve both stores. One process at a time (a lock file says which).
 */
async function openEmbedded(dataDir: string): Promise<Database> {
  const dir = join(dataDir, "db");
  mkdirSync(dir, { recursive: true });
  const releaseLock = acquireDirectoryLock(join(dataDir, "db.lock"));
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create(dir);
    await applyMigrations(pgliteRunner(db));
    // Two sockets: the pool keeps one connection, but when a query fails pg drops that connection
    // and opens a new one while the old is still closing; with one slot the new one is refused.
    server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 2 });
    await server.start();
    const url = `postgresql://postgres@${server.getServerConn()}/postgres`;
    // PGlite serves one connection; a pool of one keeps Prisma from opening a second.
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
    const opened = { db, server };
    return {
      prisma,
      kind: "embedded",
      location: dir,
      close: async () => {
        await prisma.$disconnect();
        await opened.server.stop();
        await opened.db.close();
        releaseLock();
      },
    };
  } catch (error) {
    await server?.stop().catch(() => {});
    await db?.close().catch(() => {});
    releaseLock();
    throw error;
  }
}

function pgRunner(client: pg.Client): SqlRunner {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
  };
}

function pgliteRunner(db: PGlite): SqlRunner {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
  };
}

/** Whether the database answers a query (readiness). */
export async function pingDatabase(prisma: Prisma): Promise<void> {
  await prisma.$queryRaw`SELECT 1`;
}
