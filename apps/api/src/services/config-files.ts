import { readFile } from "node:fs/promises";
import type { SchemaOverrides } from "@kindred/engine/data";
import { KindredError } from "@kindred/engine/errors";
import type { RunConfigInput } from "@kindred/engine/pipeline";
import type { TippingConfig } from "@kindred/engine/tipping";
import { z } from "zod";

const kind = z.enum([
  "numeric",
  "categorical",
  "binary",
  "ordinal",
  "identifier",
  "constant",
  "date",
  "text",
]);
const role = z.enum(["feature", "id", "target", "time", "ignore"]);

/** SchemaOverrides as a user writes it in a JSON file. */
const overridesSchema = z
  .object({
    columns: z
      .record(
        z.string(),
        z
          .object({
            kind: kind.optional(),
            role: role.optional(),
            missingMarkers: z.array(z.string()).optional(),
            sentinels: z.array(z.number()).optional(),
            levels: z.array(z.string()).optional(),
          })
          .strict(),
      )
      .optional(),
    target: z.string().optional(),
    positiveValue: z.string().optional(),
    idColumn: z.string().optional(),
    timeColumn: z.string().optional(),
    drop: z.array(z.string()).optional(),
  })
  .strict();

const share = z.number().min(0).max(1);
const positiveInt = z.number().int().positive();

/** RunConfigInput as a user writes it: split sizes, architecture, encoder options, seed. */
const runConfigSchema = z
  .object({
    seed: z.number().int().nonnegative().optional(),
    split: z
      .object({
        method: z.enum(["oot", "random"]).optional(),
        timeColumn: z.string().optional(),
        inTimeShare: share.optional(),
        valShare: share.optional(),
        oot1Share: share.optional(),
        oot2Share: share.optional(),
        testShare: share.optional(),
      })
      .strict()
      .optional(),
    model: z
      .object({
        hiddenUnits: z.array(positiveInt).optional(),
        embeddingDim: positiveInt.optional(),
        embeddingActivation: z.enum(["relu", "linear"]).optional(),
        dropout: z.number().min(0).lt(1).optional(),
        imbalance: z.enum(["class-weight", "sampling", "none"]).optional(),
        learningRate: z.number().positive().optional(),
        batchSize: positiveInt.optional(),
        maxEpochs: positiveInt.optional(),
        patience: positiveInt.optional(),
        minDelta: z.number().nonnegative().optional(),
        weightAveraging: z.number().min(0).lt(1).optional(),
      })
      .strict()
      .optional(),
    encoder: z
      .object({
        logSkewThreshold: z.number().optional(),
        minLevelCount: z.number().int().nonnegative().optional(),
        minLevelShare: share.optional(),
        clipToTrainRange: z.boolean().optional(),
        standardizeIndicators: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** TippingConfig as a user writes it: actionable and locked features, ranges, threshold. */
const tippingConfigSchema = z
  .object({
    features: z.array(z.string()).optional(),
    locked: z.array(z.string()).optional(),
    threshold: z.number().optional(),
    pairs: z.boolean().optional(),
    maxSteps: positiveInt.optional(),
    levers: z
      .record(
        z.string(),
        z
          .object({
            min: z.number().optional(),
            max: z.number().optional(),
            step: z.number().optional(),
            direction: z.enum(["increase", "decrease", "any"]).optional(),
            levels: z.array(z.string()).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

async function readJson<T>(path: string, schema: z.ZodType<T>, what: string): Promise<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new KindredError(
      "INVALID_CONFIG",
      `${what} "${path}" is not readable JSON: ${(error as Error).message}`,
      {
        field: what,
      },
    );
  }
  return checked(raw, schema, `${what} "${path}",`);
}

function checked<T>(raw: unknown, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "(root)";
    throw new KindredError("INVALID_CONFIG", `${what} field ${field}: ${issue?.message}`, {
      field,
    });
  }
  return parsed.data;
}

export function readOverridesFile(path: string): Promise<SchemaOverrides> {
  return readJson(path, overridesSchema, "overrides file");
}

/** Checks a run configuration given as a value (e.g. from the API); errors name the field. */
export function parseRunConfig(value: unknown): RunConfigInput {
  return checked(value, runConfigSchema, "config") as RunConfigInput;
}

export function readRunConfigFile(path: string): Promise<RunConfigInput> {
  return readJson(path, runConfigSchema, "config file") as Promise<RunConfigInput>;
}

/** A tipping config file; `features` may come from the command line instead. */
export function readTippingConfigFile(path: string): Promise<Partial<TippingConfig>> {
  return readJson(path, tippingConfigSchema, "tipping config file");
}
