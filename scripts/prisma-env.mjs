// Prisma 6's CLI downloads native engines at start-up unless these point at an existing file.
// Kindred uses the JS/WASM engines only (engineType "client"), so any file will do; on a machine
// with internet the variables can be left unset.
import { fileURLToPath } from "node:url";

export function prismaEnv() {
  const placeholder = fileURLToPath(new URL("../prisma/schema.prisma", import.meta.url));
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder,
    PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
}
