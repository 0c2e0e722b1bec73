import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kindredIn, THERA_TRAIN } from "../support/cli.ts";
import { THERA_BANK } from "../support/data.ts";

// The seed workflow on Thera Bank: Education and Family are the features that change over time.
const dataDir = mkdtempSync(join(tmpdir(), "kindred-tipping-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const kindred = kindredIn(dataDir);
const ACTIONABLE = ["Education", "Family"];

interface Candidate {
  customerId: string;
  probability: number;
  tippingFeature: string | null;
  originalValue: string | null;
  tippingValue: string | null;
  newProbability: number | null;
  tipped: boolean;
  status: string;
  changes: { feature: string; originalValue: string; tippingValue: string }[];
}

/** Thera Bank's rows by ID, as raw cells (the file has a byte-order mark and CRLF line ends). */
function theraRows(): { header: string[]; byId: Map<string, string[]> } {
  const [head = "", ...lines] = readFileSync(THERA_BANK, "utf8")
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split(/\r?\n/);
  const header = head.split(",");
  return { header, byId: new Map(lines.map((line) => [line.split(",")[0] as string, line.split(",")])) };
}

describe("kindred tipping on Thera Bank", () => {
  let runId = "";
  const reports: Record<
    string,
    { candidates: Candidate[]; summary: Record<string, number | null>; features: string[] }
  > = {};

  beforeAll(() => {
    const trained = kindred("train", ...THERA_TRAIN, "--json");
    expect(trained.code, trained.stderr).toBe(0);
    runId = JSON.parse(trained.stdout).runId;
  });

  for (const list of ["similarity", "probability"]) {
    it(`--list ${list}: 10 candidates, each with a tipping feature from the actionable set`, () => {
      const result = kindred(
        "tipping",
        "--run",
        runId,
        "--features",
        ACTIONABLE.join(","),
        "--list",
        list,
        "--json",
      );
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout);
      reports[list] = report;
      expect(report.features).toEqual(ACTIONABLE);
      expect(report.candidates).toHaveLength(10);
      for (const c of report.candidates as Candidate[]) {
        expect(c.probability).toBeLessThan(0.5);
        expect(ACTIONABLE).toContain(c.tippingFeature);
        for (const change of c.changes) expect(ACTIONABLE).toContain(change.feature);
        if (c.tipped) {
          expect(c.status).toBe("tipped");
          expect(c.newProbability).toBeGreaterThanOrEqual(0.5);
          expect(c.tippingValue).not.toBe(c.originalValue);
        } else expect(c.tippingValue).toBeNull();
      }
      expect(Object.keys(report.summary)).toEqual(expect.arrayContaining(["tippedShare", "medianChange"]));
      console.log(`Thera ${list} list: ${JSON.stringify(report.summary)}`);
    });
  }

  it("every tipped candidate, re-scored with its tipping value by `kindred score`, reaches 0.5", () => {
    const { header, byId } = theraRows();
    const tipped = Object.values(reports).flatMap((r) => r.candidates.filter((c) => c.tipped));
    expect(tipped.length).toBeGreaterThan(0);
    const lines = tipped.map((c) => {
      const cells = [...(byId.get(c.customerId) as string[])];
      for (const change of c.changes) {
        expect(cells[header.indexOf(change.feature)]).toBe(change.originalValue);
        cells[header.indexOf(change.feature)] = change.tippingValue;
      }
      return cells.join(",");
    });
    const batch = join(dataDir, "tipped.csv");
    writeFileSync(batch, `${header.join(",")}\n${lines.join("\n")}\n`);
    const out = join(dataDir, "tipped-scored.csv");
    const scored = kindred("score", "--run", runId, "--data", batch, "--out", out);
    expect(scored.code, scored.stderr).toBe(0);
    const rows = readFileSync(out, "utf8").trimEnd().split("\n").slice(1);
    expect(rows).toHaveLength(tipped.length);
    rows.forEach((row, i) => {
      const [id, probability] = row.split(",");
      expect(id).toBe(tipped[i]?.customerId);
      expect(Number(probability)).toBeGreaterThanOrEqual(0.5);
      expect(Number(probability)).toBeCloseTo(tipped[i]?.newProbability as number, 5);
    });
  });

  it("--compare reports both lists, their share tipped, median change and overlap; --out writes them", () => {
    const out = join(dataDir, "tipping.csv");
    const result = kindred(
      "tipping",
      "--run",
      runId,
      "--features",
      "Education,Family",
      "--compare",
      "--out",
      out,
      "--json",
    );
    expect(result.code, result.stderr).toBe(0);
    const { similarity, probability, comparison } = JSON.parse(result.stdout);
    expect(similarity.list).toBe("similarity");
    expect(probability.list).toBe("probability");
    expect(comparison.tippedShare).toEqual({
      similarity: similarity.summary.tippedShare,
      probability: probability.summary.tippedShare,
    });
    const a = new Set(similarity.candidates.map((c: Candidate) => c.customerId));
    expect(comparison.overlap).toBe(
      probability.candidates.filter((c: Candidate) => a.has(c.customerId)).length,
    );
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe(
      "list,rank,customer_id,probability,similarity,status,tipping_feature,original_value,tipping_value,change,new_probability,changes",
    );
    expect(lines).toHaveLength(1 + similarity.candidates.length + probability.candidates.length);
  });

  it("--list potential: non-buyers already over the threshold, nothing to change", () => {
    const result = kindred(
      "tipping",
      "--run",
      runId,
      "--features",
      "Education",
      "--list",
      "potential",
      "--json",
    );
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    for (const c of report.candidates as Candidate[]) {
      expect(c.probability).toBeGreaterThanOrEqual(0.5);
      expect(c.status).toBe("above-threshold");
    }
  });

  it("explain stores global importance; a customer's SHAP values add up to the probability", () => {
    const result = kindred("explain", "--run", runId, "--sample", "60", "--json");
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.rows).toBe(60);
    expect(summary.importance).toHaveLength(11);
    const meanAbs = summary.importance.map((f: { meanAbs: number }) => f.meanAbs);
    expect(meanAbs).toEqual([...meanAbs].sort((x: number, y: number) => y - x));
    // Income and Education drive Thera Bank's loan model (every published analysis agrees).
    expect(summary.importance.slice(0, 4).map((f: { feature: string }) => f.feature)).toEqual(
      expect.arrayContaining(["Income", "Education"]),
    );
    const one = JSON.parse(kindred("explain", "--run", runId, "--customers", "10,42", "--json").stdout);
    expect(one.map((e: { customerId: string }) => e.customerId)).toEqual(["10", "42"]);
    for (const e of one) {
      const total = e.contributions.reduce((s: number, c: { shap: number }) => s + c.shap, e.baseValue);
      expect(total).toBeCloseTo(e.probability, 6);
    }
  });

  // Each CLI call starts a process (~3 s): the engine's unit tests cover every variant, these
  // check that the CLI turns them into exit code 2 and a message naming the problem.
  it("bad input: unknown or locked features, a threshold outside (0, 1) → exit 2 naming the problem", () => {
    const tipping = (...args: string[]) => kindred("tipping", "--run", runId, ...args);
    let bad = tipping("--features", "Education,Salary");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/there is no feature "Salary"/);
    bad = tipping("--features", "Education,Age", "--lock", "Age,Experience");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"Age" is locked/);
    bad = tipping("--features", "Education", "--threshold", "1.5");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/threshold: must be strictly between 0 and 1, got 1.5/);
    expect(tipping("--features", "Education", "--threshold", "abc").stderr).toMatch(/threshold/);
    const config = join(dataDir, "tipping.json");
    writeFileSync(config, JSON.stringify({ levers: { Family: { direction: "up" } } }));
    bad = tipping("--features", "Family", "--config", config);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/field levers\.Family\.direction/);
    expect(kindred("explain", "--run", runId, "--customers", "nobody").stderr).toMatch(/customer "nobody"/);
  });

  it("an autoencoder run (no target) has no probability to tip", () => {
    const trained = kindred("train", "--data", THERA_BANK, "--id-column", "ID", "--epochs", "1", "--json");
    expect(trained.code, trained.stderr).toBe(0);
    const bad = kindred("tipping", "--run", JSON.parse(trained.stdout).runId, "--features", "Education");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/autoencoder/);
  });
});
