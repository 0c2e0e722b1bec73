import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { postgresReachable } from "../support/stores.ts";

const SCRIPT = fileURLToPath(new URL("../../scripts/prisma-migration.mjs", import.meta.url));

// `prisma migrate diff` (WASM engine) needs some PostgreSQL to connect to, even between files.
it("prisma/schema.prisma has no changes missing from the committed migrations", async (test) => {
  if (!(await postgresReachable())) return test.skip();
  const result = spawnSync(process.execPath, [SCRIPT, "--check"], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
});
