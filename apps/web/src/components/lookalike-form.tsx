"use client";

import { type FormEvent, useState } from "react";
import type {
  LookalikeInput,
  LookalikeRunQuery,
  LookalikeStrategy,
  Split,
  VectorSpace,
} from "../graphql/generated";
import { count } from "../lib/format";
import type { ApiError } from "../lib/graphql";
import { CandidatesPicker, ExclusionsPicker } from "./lookalike-filters";
import { AudiencePicker, BlendPicker, StrategyPicker } from "./lookalike-ranking";
import { SeedPicker } from "./lookalike-seeds";
import { ErrorNote } from "./ui";

export type LookalikeRun = NonNullable<LookalikeRunQuery["run"]>;
export type SeedMode = "label" | "persona" | "ids" | "selection";
export type CandidateLabel = "0" | "1" | "any";
export type SizeMode = "limit" | "threshold";

/** Everything the analyst chose, as edited (text fields stay text until the search). */
export interface LookalikeChoices {
  seedMode: SeedMode;
  seedPersona: string;
  seedIds: string;
  candidateLabel: CandidateLabel;
  probabilityMin: string;
  probabilityMax: string;
  splits: Split[];
  excludeIds: string;
  excludeLists: string[];
  strategy: LookalikeStrategy;
  perSeed: number;
  sizeMode: SizeMode;
  limit: number;
  minSimilarity: number;
  blend: number;
  space: VectorSpace;
}

/** A section's value and how to change part of it. */
export interface ChoicesProps {
  choices: LookalikeChoices;
  change(patch: Partial<LookalikeChoices>): void;
}

export type FieldProblem = ApiError | { message: string; field?: string | null };

export const LIMIT_MIN = 10;
export const LIMIT_MAX = 5000;
export const ALL_SPLITS: Split[] = ["train", "val", "oot1", "oot2", "test"];

export function clampLimit(limit: number): number {
  return Math.min(LIMIT_MAX, Math.max(LIMIT_MIN, Math.round(limit)));
}

/** Customer ids as pasted from a spreadsheet or an email: commas, semicolons, tabs or new lines. */
export function parseIds(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\t\r\n]+/)
        .map((id) => id.trim())
        .filter((id) => id !== ""),
    ),
  ];
}

function initialChoices(run: LookalikeRun, selection: string[]): LookalikeChoices {
  const labelled = run.dataset.target !== null;
  return {
    seedMode: selection.length > 0 ? "selection" : labelled ? "label" : "ids",
    seedPersona: String(run.latestAnalysis?.personas[0]?.segmentId ?? ""),
    seedIds: "",
    // Prospects are the customers who have not converted yet; without a target there is no such split.
    candidateLabel: labelled ? "0" : "any",
    probabilityMin: "",
    probabilityMax: "",
    splits: [],
    excludeIds: "",
    excludeLists: [],
    strategy: "centroid",
    perSeed: 5,
    sizeMode: "limit",
    limit: 500,
    minSimilarity: 0.9,
    blend: 0,
    space: "mlp",
  };
}

function probability(text: string, field: string): number | null | FieldProblem {
  if (text.trim() === "") return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value <= 1
    ? value
    : {
        message: `${field === "probabilityMin" ? "Probability from" : "Probability to"} must be between 0 and 1`,
        field,
      };
}

/** The choices as the API's LookalikeInput, or the first problem found before asking the API. */
export function toLookalikeInput(
  runId: string,
  choices: LookalikeChoices,
  selection: string[],
): { input: LookalikeInput } | { problem: FieldProblem } {
  let seeds: LookalikeInput["seeds"];
  if (choices.seedMode === "label") seeds = { filter: { labels: [1] } };
  else if (choices.seedMode === "persona") {
    if (choices.seedPersona === "") return { problem: { message: "Choose a persona", field: "seeds" } };
    seeds = { filter: { personas: [Number(choices.seedPersona)] } };
  } else {
    const ids = choices.seedMode === "ids" ? parseIds(choices.seedIds) : selection;
    if (ids.length === 0) return { problem: { message: "Paste at least one customer id", field: "seeds" } };
    seeds = { customerIds: ids };
  }

  const min = probability(choices.probabilityMin, "probabilityMin");
  const max = probability(choices.probabilityMax, "probabilityMax");
  if (min !== null && typeof min === "object") return { problem: min };
  if (max !== null && typeof max === "object") return { problem: max };
  if (min !== null && max !== null && min > max) {
    return { problem: { message: "Probability from is above probability to", field: "probabilityMin" } };
  }
  const candidates: NonNullable<LookalikeInput["candidates"]> = {
    ...(choices.candidateLabel !== "any" ? { labels: [Number(choices.candidateLabel)] } : {}),
    ...(min !== null ? { probabilityMin: min } : {}),
    ...(max !== null ? { probabilityMax: max } : {}),
    ...(choices.splits.length > 0 ? { splits: choices.splits } : {}),
  };
  const exclude = parseIds(choices.excludeIds);
  const threshold = choices.sizeMode === "threshold";

  return {
    input: {
      runId,
      seeds,
      ...(Object.keys(candidates).length > 0 ? { candidates } : {}),
      ...(exclude.length > 0 ? { exclude } : {}),
      ...(choices.excludeLists.length > 0 ? { excludeLists: choices.excludeLists } : {}),
      strategy: choices.strategy,
      ...(choices.strategy === "per_seed" ? { perSeed: choices.perSeed } : {}),
      // A threshold keeps everyone similar enough, up to the largest audience we return.
      limit: threshold ? LIMIT_MAX : clampLimit(choices.limit),
      ...(threshold ? { minSimilarity: choices.minSimilarity } : {}),
      blend: choices.blend,
      space: choices.space,
      evaluate: true,
    },
  };
}

const SECTION_FIELDS: Record<string, string[]> = {
  seeds: ["seeds", "customerIds", "personaId"],
  candidates: ["candidates", "labels", "splits", "personas", "probabilityMin", "probabilityMax"],
  exclusions: ["exclude", "excludeLists"],
  strategy: ["strategy", "perSeed", "space"],
  audience: ["limit", "minSimilarity"],
  blend: ["blend"],
};

/** Which embedding the search compares customers in, once the run also has a text space. */
function SpacePicker({ choices, change, model }: ChoicesProps & { model: string }) {
  return (
    <label className="field" style={{ marginTop: 10 }}>
      Vector space
      <select value={choices.space} onChange={(e) => change({ space: e.target.value as VectorSpace })}>
        <option value="mlp">Behaviour fingerprints (MLP)</option>
        <option value="text">Customers as text ({model.split("/").pop()})</option>
      </select>
    </label>
  );
}

/** The error shown next to one section: the API names the field, the field names the section. */
export function SectionError({ problem, section }: { problem: FieldProblem | null; section: string }) {
  const field = problem?.field ?? null;
  const matches =
    section === "form"
      ? !Object.values(SECTION_FIELDS)
          .flat()
          .includes(field ?? "")
      : false;
  if (!problem || !(matches || (field !== null && SECTION_FIELDS[section]?.includes(field)))) return null;
  return <ErrorNote error={problem} />;
}

/**
 * The search form: seeds, candidates, exclusions, strategy, audience size and blend; "Find
 * lookalikes" hands the assembled input to `onSearch`. Errors appear beside the section they name.
 */
export function LookalikeForm({
  run,
  selection,
  pending,
  problem,
  onProblem,
  onSearch,
}: {
  run: LookalikeRun;
  selection: string[];
  pending: boolean;
  problem: FieldProblem | null;
  onProblem(problem: FieldProblem): void;
  onSearch(input: LookalikeInput): void;
}) {
  const [choices, setChoices] = useState(() => initialChoices(run, selection));
  const change = (patch: Partial<LookalikeChoices>) => setChoices((current) => ({ ...current, ...patch }));
  const section = { choices, change };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const built = toLookalikeInput(run.id, choices, selection);
    if ("problem" in built) onProblem(built.problem);
    else onSearch(built.input);
  }

  return (
    <form onSubmit={submit} aria-label="Lookalike search" className="grid" style={{ gap: 0 }}>
      <div className="grid two">
        <div className="grid" style={{ alignContent: "start" }}>
          <div>
            <SeedPicker {...section} run={run} selection={selection} />
            <SectionError problem={problem} section="seeds" />
          </div>
          <div>
            <StrategyPicker {...section} />
            {run.text && <SpacePicker {...section} model={run.text.model} />}
            <SectionError problem={problem} section="strategy" />
          </div>
        </div>
        <div className="grid" style={{ alignContent: "start" }}>
          <div>
            <CandidatesPicker {...section} labelled={run.dataset.target !== null} />
            <SectionError problem={problem} section="candidates" />
          </div>
          <div>
            <ExclusionsPicker {...section} lists={run.targetLists.items} />
            <SectionError problem={problem} section="exclusions" />
          </div>
          <div>
            <AudiencePicker {...section} />
            <SectionError problem={problem} section="audience" />
          </div>
          <div>
            <BlendPicker {...section} hasProbability={run.kind !== "autoencoder"} />
            <SectionError problem={problem} section="blend" />
          </div>
        </div>
      </div>
      <div className="row" style={{ marginTop: 16 }}>
        <button type="submit" disabled={pending} aria-busy={pending}>
          Find lookalikes
        </button>
        {pending && (
          <span className="muted" role="status">
            Searching {count(run.dataset.rowCount)} customers…
          </span>
        )}
      </div>
      <div style={{ marginTop: 8 }}>
        <SectionError problem={problem} section="form" />
      </div>
    </form>
  );
}
