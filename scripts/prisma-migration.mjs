// Writes a new migration: the SQL that takes the last migration's schema snapshot to the
// current prisma/schema.prisma. Each migration folder keeps the schema it produces
// (schema.prisma), so diffs need no database (the schema engine here cannot migrate a real
// PostgreSQL offline; see README "Database").
//   node scripts/prisma-migration.mjs <name>     write a migration
//   node scripts/prisma-migration.mjs --check    exit 1 when schema.prisma has changes no migration holds
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { prismaEnv } from "./prisma-env.mjs";

export const migrationsDir = new URL("../prisma/migrations/", import.meta.url);
const schema = new URL("../prisma/schema.prisma", import.meta.url);
const cli = new URL("../node_modules/prisma/build/index.js", import.meta.url);

export function migrationFolders() {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** SQL from one schema file (or nothing) to another. */
export function diffSql(fromSchemaPath, toSchemaPath) {
  const from = fromSchemaPath ? ["--from-schema-datamodel", fromSchemaPath] : ["--from-empty"];
  const result = spawnSync(
    process.execPath,
    [cli.pathname, "migrate", "diff", ...from, "--to-schema-datamodel", toSchemaPath, "--script"],
    { env: prismaEnv(), encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`prisma migrate diff failed:\n${result.stderr}`);
  return result.stdout;
}

function check() {
  const last = migrationFolders().at(-1);
  if (!last) {
    console.error("no migrations under prisma/migrations");
    return 1;
  }
  const snapshot = new URL(`${last}/schema.prisma`, migrationsDir).pathname;
  const pending = diffSql(snapshot, schema.pathname).replace(/--.*$/gm, "").trim();
  if (pending) {
    console.error(
      `prisma/schema.prisma differs from migration ${last}; run: node scripts/prisma-migration.mjs <name>\n${pending}`,
    );
    return 1;
  }
  console.log(`schema matches migration ${last}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === "--check") {
  process.exit(check());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: node scripts/prisma-migration.mjs <snake_case_name>");
    process.exit(2);
  }
  mkdirSync(migrationsDir, { recursive: true });
  const previous = migrationFolders().at(-1);
  const fromPath = previous ? new URL(`${previous}/schema.prisma`, migrationsDir).pathname : undefined;
  const sql = diffSql(fromPath, schema.pathname);
  if (!sql.replace(/--.*$/gm, "").trim()) {
    console.log("schema unchanged: no migration written");
    process.exit(0);
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = new URL(`${stamp}_${name}/`, migrationsDir);
  mkdirSync(folder);
  writeFileSync(new URL("migration.sql", folder), sql);
  copyFileSync(schema, new URL("schema.prisma", folder));
  console.log(`wrote prisma/migrations/${stamp}_${name}`);
}
