import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// Test tiers by file suffix: *.test.ts are pure and fast; *.integration.test.ts use a real
// database (embedded PGlite and PostgreSQL on 127.0.0.1:5432) or the real datasets; *.e2e.ts drive
// the dashboard in Chromium.
export default defineConfig({
  // One graphql in memory: vite would load graphql's ESM build for our files while Apollo and
  // graphql-tools (loaded by Node) use the CommonJS one, and graphql refuses mixed realms.
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve("graphql") }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.integration.test.ts"],
          exclude: ["**/node_modules/**"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Browser tests (*.e2e.ts): the built dashboard and the API as processes, driven in Chromium.
          name: "e2e",
          include: ["test/e2e/**/*.e2e.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
