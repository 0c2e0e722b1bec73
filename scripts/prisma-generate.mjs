// Generates the typed Prisma client (run by `npm install` via postinstall).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { prismaEnv } from "./prisma-env.mjs";

const cli = new URL("../node_modules/prisma/build/index.js", import.meta.url);
if (!existsSync(cli)) {
  console.warn("prisma CLI not installed yet; skipping client generation");
  process.exit(0);
}
const result = spawnSync(process.execPath, [cli.pathname, "generate", "--no-hints"], {
  stdio: "inherit",
  env: prismaEnv(),
});
process.exit(result.status ?? 1);
