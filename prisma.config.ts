// Prisma CLI configuration. `engine: "js"` selects the WASM schema engine, which works offline
// (the native one is downloaded at first use). The CLI is used for `generate` and for
// `migrate diff` between schema snapshots (scripts/prisma-migration.mjs); Kindred applies
// migrations itself (apps/api/src/store/migrate.ts). `migrate diff` opens a connection even
// between two schema files, so it needs some PostgreSQL: DATABASE_URL or the local server.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({
      connectionString: process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres",
    });
  },
});
