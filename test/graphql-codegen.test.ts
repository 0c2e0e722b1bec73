import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { generate } from "../scripts/graphql-codegen.ts";

// Resolver types are generated from the schema (never written twice): the committed file must be
// what the generator makes of the current schema modules.
it("apps/api/src/schema/generated/resolvers-types.ts is up to date with the schema", async () => {
  const committed = readFileSync(
    new URL("../apps/api/src/schema/generated/resolvers-types.ts", import.meta.url),
    "utf8",
  );
  expect(committed === (await generate()), "stale: run npm run codegen").toBe(true);
});
