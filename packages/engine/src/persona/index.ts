/** Public surface of the persona stage: segment profiles, distinguishing rules, names and personas. */

export { type BuildPersonaOptions, buildPersonas, type PersonaPreset } from "./build-personas.ts";
export {
  type ColumnValues,
  type LevelValues,
  type NumericValues,
  readColumnValues,
  readLevels,
  readNumbers,
} from "./column-values.ts";
export {
  createRuleFinder,
  defaultMinLeaf,
  distinguishingRules,
  type RuleFinder,
  type RuleFinderOptions,
  type RuleOptions,
} from "./distinguishing-rules.ts";
export { formatNumber, formatShare } from "./format-number.ts";
export {
  AVERAGE_NAME,
  type NameOptions,
  namePersona,
  type PersonaText,
  uniqueNames,
} from "./name-persona.ts";
export { type ProfileOptions, profilePopulation, profileSegments } from "./profile-segments.ts";
export { type StrategyOptions, suggestStrategy } from "./strategy.ts";
export { rankTraits, type TraitOptions, traitLabel } from "./traits.ts";
export * from "./types.ts";
