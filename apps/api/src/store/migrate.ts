import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

/** Minimal SQL access shared by PGlite and node-postgres, enough to run migrations. */
export interface SqlRunner {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

const MIGRATIONS_DIR = new URL("../../../../prisma/migrations/", import.meta.url);

// Same table as Prisma Migrate keeps, so `prisma migrate status` / `deploy` (native engine, on a
// machine with internet) agree with what Kindred applied.
const LEDGER = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Arbitrary constant: serializes concurrent start-ups against one PostgreSQL.
const LOCK_KEY = 7_220_411;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(new URL(`${name}/migration.sql`, dir), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies the committed migrations that the database has not seen, each in its own transaction
 * (a failing migration leaves the database as it was). Returns the names applied.
 */
export async function applyMigrations(db: SqlRunner, migrations = listMigrations()): Promise<string[]> {
  await db.exec(LEDGER);
  await db.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
  try {
    const done = new Set(
      (
        await db.query<{ migration_name: string }>(
          `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
      ).map((r) => r.migration_name),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      if (!/^\w+$/.test(migration.name)) throw new Error(`bad migration folder name: ${migration.name}`);
      // The ledger row commits with the migration itself: both or neither.
      const record = `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
        VALUES ('${randomUUID()}', '${migration.checksum}', now(), '${migration.name}', 1);`;
      await db.exec(`BEGIN;\n${migration.sql}\n;${record}\nCOMMIT;`).catch(async (error: unknown) => {
        await db.exec("ROLLBACK").catch(() => {});
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
      });
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await db.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
  }
}
