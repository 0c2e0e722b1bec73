import { readdirSync, readFileSync } from "node:fs";

const SCHEMA_DIR = new URL("./", import.meta.url);

/**
 * The GraphQL schema: every module of this folder, concatenated in file-name order with
 * common.graphql (the root types) first. The server and the type generator both read it here.
 */
export function schemaSource(): string {
  const files = readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith(".graphql"))
    .sort((a, b) => (a === "common.graphql" ? -1 : b === "common.graphql" ? 1 : a.localeCompare(b)));
  return files.map((f) => readFileSync(new URL(f, SCHEMA_DIR), "utf8")).join("\n");
}
