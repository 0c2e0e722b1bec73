import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { SHARED_DATA } from "./support/data.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PRODUCT_SOURCES = ["packages/engine/src", "apps/api/src"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === "generated" || entry.name === "__fixtures__" ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) &&
      !/\.(test|script)\.ts$/.test(entry.name) &&
      entry.name !== "test-fixtures.ts"
      ? [path]
      : [];
  });
}

function headerOf(file: string): string[] {
  const first = readFileSync(join(SHARED_DATA, file), "utf8").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = first.includes(";") ? ";" : ",";
  return first
    .replace(/^\uFEFF/, "")
    .split(delimiter)
    .map((name) => name.replaceAll('"', "").trim());
}

// The product is generic: no column of the sample datasets may be named in product code
// (tests, demo configuration and documentation may).
it("product code names no column of the sample datasets", () => {
  // Names under three characters ("y") cannot be told from ordinary tokens such as the y/n pair.
  const columns = new Set(
    ["bank-additional-full.csv", "Bank_Personal_Loan_Modelling.csv", "online_retail.csv"]
      .flatMap(headerOf)
      .filter((name) => name.length >= 3),
  );
  expect(columns.size).toBeGreaterThan(30);
  const offenders: string[] = [];
  for (const dir of PRODUCT_SOURCES) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      const text = readFileSync(file, "utf8");
      for (const column of columns) {
        for (const quote of ['"', "'", "`"]) {
          if (text.includes(`${quote}${column}${quote}`))
            offenders.push(`${file}: ${quote}${column}${quote}`);
        }
      }
    }
  }
  expect(offenders).toEqual([]);
});
