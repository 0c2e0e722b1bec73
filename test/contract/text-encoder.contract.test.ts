import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isKindredError } from "@kindred/engine/errors";
import type { TextEncoder } from "@kindred/engine/text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTransformersEncoder } from "../../apps/api/src/text/transformers-encoder.ts";
import { TEXT_MODELS_DIR, TINY_TEXT_MODEL, WRONG_OUTPUTS_MODEL } from "../support/text-models.ts";

// The text-encoder port's contract, run against every adapter that is reachable here: the
// transformers.js adapter with the tiny model the tests generate (a real MiniLM folder passes the
// same suite when KINDRED_TEXT_MODEL points at one).
const adapters: [string, () => Promise<TextEncoder>][] = [
  [
    "transformers.js, tiny model by path",
    () => openTransformersEncoder({ model: TINY_TEXT_MODEL, modelsDir: "/nowhere" }),
  ],
  [
    "transformers.js, tiny model by name",
    () => openTransformersEncoder({ model: "tiny-bert", modelsDir: TEXT_MODELS_DIR }),
  ],
];
// biome-ignore lint/suspicious/noUndeclaredEnvVars: optional, only where a real model was placed
const real = process.env.KINDRED_TEXT_MODEL;
if (real)
  adapters.push([`transformers.js, ${real}`, () => openTransformersEncoder({ model: real, modelsDir: "." })]);

function dot(a: Float32Array, b: Float32Array): number {
  return a.reduce((s, v, i) => s + v * (b[i] as number), 0);
}

describe.each(adapters)("text encoder: %s", (_, open) => {
  let encoder: TextEncoder;
  beforeAll(async () => {
    encoder = await open();
  });
  afterAll(async () => {
    await encoder.dispose();
  });

  it("gives one L2-normalized vector of `dim` numbers per text, in order", async () => {
    const texts = ["Annual income: $49,000; Education Level: Undergrad", "Family size: 4 persons", "x"];
    const out = await encoder.encode(texts);
    expect(encoder.dim).toBeGreaterThan(0);
    expect(out).toHaveLength(texts.length * encoder.dim);
    for (let i = 0; i < texts.length; i++) {
      const v = out.subarray(i * encoder.dim, (i + 1) * encoder.dim);
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
    }
    expect(await encoder.encode([])).toHaveLength(0);
  });

  it("is deterministic and does not depend on the batch a text is in", async () => {
    const alone = await encoder.encode(["Education Level: Graduate; Online banking: yes"]);
    const batched = await encoder.encode([
      "Family size: 1 person",
      "Education Level: Graduate; Online banking: yes",
    ]);
    const second = batched.subarray(encoder.dim, 2 * encoder.dim);
    alone.forEach((v, i) => {
      expect(second[i]).toBeCloseTo(v, 5);
    });
  });

  it("puts texts that share most words closer than texts that share none", async () => {
    const out = await encoder.encode([
      "Annual income: $120,000; Education Level: Graduate; Family size: 3 persons",
      "Annual income: $118,000; Education Level: Graduate; Family size: 3 persons",
      "zzz qqq www",
    ]);
    const [a, b, c] = [0, 1, 2].map((i) =>
      out.subarray(i * encoder.dim, (i + 1) * encoder.dim),
    ) as Float32Array[];
    expect(dot(a as Float32Array, b as Float32Array)).toBeGreaterThan(
      dot(a as Float32Array, c as Float32Array),
    );
  });
});

describe("text encoder: bad models", () => {
  const dir = mkdtempSync(join(tmpdir(), "kindred-models-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a missing model folder is NOT_FOUND naming KINDRED_TEXT_MODEL and where it looked", async () => {
    const error = await openTransformersEncoder({
      model: "Xenova/paraphrase-MiniLM-L6-v2",
      modelsDir: dir,
    }).catch((e) => e);
    expect(isKindredError(error, "NOT_FOUND")).toBe(true);
    expect(error.location.field).toBe("KINDRED_TEXT_MODEL");
    expect(error.message).toContain(join(dir, "Xenova/paraphrase-MiniLM-L6-v2"));
  });

  it("a model without token embeddings (a pooled output only) is refused as ARTIFACT_MISMATCH", async () => {
    const error = await openTransformersEncoder({ model: WRONG_OUTPUTS_MODEL, modelsDir: dir }).catch(
      (e) => e,
    );
    expect(isKindredError(error, "ARTIFACT_MISMATCH")).toBe(true);
    expect(error.message).toMatch(/last_hidden_state/);
  });
});
