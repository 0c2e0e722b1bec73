import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { generateOperations, generateResolvers } from "../scripts/graphql-codegen.ts";

// Types are generated from the schema (never written twice): the committed files must be what the
// generator makes of the current schema modules and dashboard operations.
it("the API's resolver types are up to date with the schema", async () => {
  const committed = readFileSync(
    new URL("../apps/api/src/schema/generated/resolvers-types.ts", import.meta.url),
    "utf8",
  );
  expect(committed === (await generateResolvers()), "stale: run npm run codegen").toBe(true);
});

it("the dashboard's typed operations are up to date with the schema and its .graphql files", async () => {
  const committed = readFileSync(new URL("../apps/web/src/graphql/generated.ts", import.meta.url), "utf8");
  expect(committed === (await generateOperations()), "stale: run npm run codegen").toBe(true);
});
