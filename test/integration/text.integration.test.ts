import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kindredIn, THERA_TRAIN } from "../support/cli.ts";
import { THERA_WORKBOOK } from "../support/data.ts";
import { TINY_TEXT_MODEL, WRONG_OUTPUTS_MODEL } from "../support/text-models.ts";

// Thera Bank's customers as text ("description: value" from its data dictionary), embedded by the
// tiny sentence-transformer the tests generate, searched as a second vector space from the CLI.
const dataDir = mkdtempSync(join(tmpdir(), "kindred-text-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const kindred = kindredIn(dataDir);
const DEMO_DICTIONARY = fileURLToPath(
  new URL("../../apps/api/demo/text/thera-bank-dictionary.csv", import.meta.url),
);

describe("kindred text on Thera Bank", () => {
  let runId = "";
  beforeAll(() => {
    const trained = kindred("train", ...THERA_TRAIN, "--epochs", "8", "--json");
    expect(trained.code, trained.stderr).toBe(0);
    runId = JSON.parse(trained.stdout).runId;
  });

  it("a run without a text space refuses text lookalikes with the command to run", () => {
    const bad = kindred("lookalike", "--run", runId, "--space", "text");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no text space yet.*kindred text --run/);
  });

  it("embeds every customer with the workbook's dictionary sheet (found by its columns) and compares List A in both spaces", () => {
    const result = kindred(
      "text",
      "--run",
      runId,
      "--dictionary",
      THERA_WORKBOOK,
      "--model",
      TINY_TEXT_MODEL,
      "--json",
    );
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ rows: 5000, dim: 32, dictionary: "Bank_Personal_Loan_Modelling.xlsx" });
    // Identifiers and the target are left out; codes decoded; thousands of dollars written out.
    expect(summary.sample).toContain("Annual income of the customer: $49,000");
    expect(summary.sample).toContain("Education Level: Undergrad");
    expect(summary.sample).not.toMatch(/Customer ID|ZIP|personal loan/i);
    const c = summary.comparison;
    expect(c.mlp).toBeGreaterThan(0);
    expect(c.text).toBeGreaterThan(0);
    expect(c.overlap).toBeLessThanOrEqual(Math.min(c.mlp, c.text));
    expect(c.jaccard).toBeCloseTo(c.overlap / (c.mlp + c.text - c.overlap), 12);
    console.log(`Thera List A, MLP vs text space: ${JSON.stringify({ ...c, shared: c.shared.length })}`);
  });

  it("lookalike and List A search the text space", () => {
    const found = kindred("lookalike", "--run", runId, "--space", "text", "--limit", "20", "--json");
    expect(found.code, found.stderr).toBe(0);
    const summary = JSON.parse(found.stdout);
    expect(summary.seeds).toBe(480);
    expect(summary.results).toHaveLength(20);
    const tipping = kindred(
      "tipping",
      "--run",
      runId,
      "--features",
      "Education,Family",
      "--space",
      "text",
      "--json",
    );
    expect(tipping.code, tipping.stderr).toBe(0);
    expect(JSON.parse(tipping.stdout).candidates).toHaveLength(10);
  });

  it("a CSV dictionary gives units and codes: a family of 4 reads 4 persons", () => {
    const result = kindred(
      "text",
      "--run",
      runId,
      "--dictionary",
      DEMO_DICTIONARY,
      "--model",
      TINY_TEXT_MODEL,
      "--json",
    );
    expect(result.code, result.stderr).toBe(0);
    const { sample } = JSON.parse(result.stdout);
    expect(sample).toContain("Family size of the customer: 4 persons");
    expect(sample).toContain("Customer's age: 25 years");
  });

  it("bad input: a missing model folder, a model without token embeddings, a dictionary of unknown columns", () => {
    let bad = kindred("text", "--run", runId, "--model", join(dataDir, "no-such-model"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no text model ".*no-such-model".*KINDRED_TEXT_MODEL/);
    bad = kindred("text", "--run", runId, "--model", WRONG_OUTPUTS_MODEL);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/does not give token embeddings \(a last_hidden_state output/);
    const dictionary = join(dataDir, "dictionary.csv");
    writeFileSync(dictionary, "column,description\nIncome,Annual income\nSalary,Monthly salary\n");
    bad = kindred("text", "--run", runId, "--dictionary", dictionary, "--model", TINY_TEXT_MODEL);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the dictionary describes "Salary", not a column of the dataset/);
    expect(kindred("text", "--run", runId).stderr).toMatch(/no text model: set KINDRED_TEXT_MODEL/);
  });
});
