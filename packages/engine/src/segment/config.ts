import { KindredError } from "../errors/index.ts";

/** An engineered score: a number per row computed by a formula over columns and earlier scores. */
export interface ScoreDefinition {
  name: string;
  formula: string;
}

/** A business persona: the rows for which `when` holds and no earlier rule matched. */
export interface PersonaRule {
  name: string;
  /** A condition over columns and score names, e.g. `engagement >= 3 and pct(Income) > 0.8`. */
  when: string;
  description?: string;
  strategy?: string;
}

/**
 * Business-guided segmentation (plain JSON): scores, then ordered persona rules — first match
 * wins — and the persona of rows that match no rule.
 */
export interface BusinessSegmentation {
  scores: ScoreDefinition[];
  personas: PersonaRule[];
  fallback: string;
}

const invalid = (field: string, message: string) => new KindredError("INVALID_CONFIG", message, { field });

/** An object whose keys are all among `allowed`. */
function checkObject(value: unknown, field: string, allowed: string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(field, `${field} must be an object with ${allowed.join(", ")}`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      throw invalid(field, `${field} has an unknown field "${key}"; allowed: ${allowed.join(", ")}`);
    }
  }
  return record;
}

/** Required fields are non-empty texts; optional ones are texts when present. */
function checkTexts(
  record: Record<string, unknown>,
  field: string,
  required: string[],
  optional: string[] = [],
) {
  for (const key of [...required, ...optional]) {
    const v = record[key];
    const path = field === "" ? key : `${field}.${key}`;
    if (v === undefined && !required.includes(key)) continue;
    if (v === undefined) throw invalid(path, `${path} is missing`);
    if (typeof v !== "string" || (required.includes(key) && v.trim() === "")) {
      throw invalid(path, `${path} must be a non-empty text`);
    }
  }
}

function checkList(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(field, `${field} must be a list`);
  return value;
}

/**
 * Checks the shape of a configuration read from JSON: required fields present and non-empty,
 * no unknown fields (a misspelt "descripton" is reported, not ignored), at least one persona
 * rule, no name used twice among scores or among personas (fallback included).
 */
export function checkConfigShape(config: unknown): BusinessSegmentation {
  const root = checkObject(config, "the configuration", ["scores", "personas", "fallback"]);
  const scoreList = checkList(root.scores ?? [], "scores");
  const personaList = checkList(root.personas, "personas");
  if (personaList.length === 0) {
    throw invalid(
      "personas",
      "personas is empty: give at least one rule (rows matching none get the fallback)",
    );
  }
  const scoreNames = new Map<string, number>();
  scoreList.forEach((score, i) => {
    const record = checkObject(score, `scores[${i}]`, ["name", "formula"]);
    checkTexts(record, `scores[${i}]`, ["name", "formula"]);
    const name = record.name as string;
    const earlier = scoreNames.get(name.trim());
    if (earlier !== undefined) {
      throw invalid(
        `scores[${i}].name`,
        `score "${name}" (scores[${i}]) has the same name as scores[${earlier}]`,
      );
    }
    scoreNames.set(name.trim(), i);
  });
  const personaNames = new Map<string, number>();
  personaList.forEach((persona, i) => {
    const record = checkObject(persona, `personas[${i}]`, ["name", "when", "description", "strategy"]);
    checkTexts(record, `personas[${i}]`, ["name", "when"], ["description", "strategy"]);
    const name = record.name as string;
    const earlier = personaNames.get(name.trim());
    if (earlier !== undefined) {
      throw invalid(
        `personas[${i}].name`,
        `persona "${name}" (rule ${i + 1}) has the same name as rule ${earlier + 1}`,
      );
    }
    personaNames.set(name.trim(), i);
  });
  checkTexts(root, "", ["fallback"]);
  const fallback = root.fallback as string;
  const clash = personaNames.get(fallback.trim());
  if (clash !== undefined) {
    throw invalid(
      "fallback",
      `the fallback "${fallback}" has the same name as rule ${clash + 1}; name it apart`,
    );
  }
  return { scores: scoreList as ScoreDefinition[], personas: personaList as PersonaRule[], fallback };
}
