import type { DatasetSchema, RawTable } from "../data/types.ts";
import { type RuleOptions, ruleFinderFromColumns } from "./distinguishing-rules.ts";
import { type NameOptions, namePersona, uniqueNames } from "./name-persona.ts";
import { type ProfileOptions, profileAll } from "./profile-segments.ts";
import type { Persona } from "./types.ts";

/** Text a user (or a business rule set) already chose for a segment; it replaces the automatic text. */
export interface PersonaPreset {
  name?: string;
  description?: string;
  strategy?: string;
}

export interface BuildPersonaOptions extends ProfileOptions, RuleOptions, NameOptions {
  /** presets[s] overrides the automatic text of segment s. */
  presets?: (PersonaPreset | undefined)[];
}

/**
 * Personas for the k segments of `assignment`: profile against the population, automatic name,
 * description and strategy (unless a preset gives them), the 8 strongest traits and the
 * distinguishing rules. Columns are read and sorted once for all segments. Names are unique
 * within the result.
 */
export function buildPersonas(
  table: RawTable,
  schema: DatasetSchema,
  assignment: Int32Array,
  k: number,
  options: BuildPersonaOptions = {},
): Persona[] {
  const { population, segments, columns } = profileAll(table, schema, assignment, k, options);
  const finder = ruleFinderFromColumns(columns, table.rowCount);
  const personas = segments.map((profile): Persona => {
    const text = namePersona(profile, population, options);
    const preset = options.presets?.[profile.id];
    return {
      segmentId: profile.id,
      name: preset?.name ?? text.name,
      description: preset?.description ?? text.description,
      strategy: preset?.strategy ?? text.strategy,
      size: profile.size,
      share: profile.share,
      conversionRate: profile.conversionRate,
      traits: text.traits,
      rules: finder.rules(assignment, profile.id, options),
    };
  });
  const names = uniqueNames(personas.map((p) => p.name));
  return personas.map((persona, i) => ({ ...persona, name: names[i]! }));
}
