"use client";

import type { LookalikeStrategy } from "../graphql/generated";
import { count, fixed } from "../lib/format";
import { type ChoicesProps, clampLimit, LIMIT_MAX, LIMIT_MIN } from "./lookalike-form";

const STRATEGIES: { value: LookalikeStrategy; label: string; explanation: string }[] = [
  {
    value: "centroid",
    label: "Centroid",
    explanation: "Closest to the seeds' average profile. Best when the seeds are one coherent group.",
  },
  {
    value: "best",
    label: "Best match",
    explanation:
      "Closest to any single seed. Finds niches around every seed, but odd seeds pull in odd prospects.",
  },
  {
    value: "sum",
    label: "Mean similarity",
    explanation:
      "Highest average closeness to all seeds. Favours prospects that resemble many seeds at once.",
  },
  {
    value: "per_seed",
    label: "Per seed",
    explanation: "Each seed's nearest candidates, merged. Every seed is represented in the audience.",
  },
];

/** How seeds are combined into one ranking, each with what it is good for. */
export function StrategyPicker({ choices, change }: ChoicesProps) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend>
        <h3>Strategy</h3>
      </legend>
      {STRATEGIES.map((s) => (
        <label
          key={s.value}
          style={{
            display: "grid",
            gridTemplateColumns: "auto 1fr",
            gap: 6,
            alignItems: "start",
            marginBottom: 6,
          }}
        >
          <input
            type="radio"
            name="strategy"
            value={s.value}
            checked={choices.strategy === s.value}
            onChange={() => change({ strategy: s.value })}
            style={{ marginTop: 3 }}
          />
          <span>
            {s.label}
            <span className="small muted" style={{ display: "block" }}>
              {s.explanation}
            </span>
          </span>
        </label>
      ))}
      {choices.strategy === "per_seed" && (
        <label className="field" style={{ marginLeft: 22 }}>
          Candidates per seed
          <input
            type="number"
            min={1}
            max={100}
            value={choices.perSeed}
            onChange={(e) => change({ perSeed: Math.max(1, Math.round(Number(e.target.value) || 1)) })}
            style={{ width: 90 }}
          />
        </label>
      )}
    </fieldset>
  );
}

/** Audience size: the top N, or everyone at least this similar (cosine) up to the largest audience. */
export function AudiencePicker({ choices, change }: ChoicesProps) {
  const threshold = choices.sizeMode === "threshold";
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend>
        <h3>Audience size</h3>
      </legend>
      <div className="row small">
        <label className="row" style={{ gap: 4 }}>
          <input
            type="radio"
            name="size-mode"
            checked={!threshold}
            onChange={() => change({ sizeMode: "limit" })}
          />
          Top customers
        </label>
        <label className="row" style={{ gap: 4 }}>
          <input
            type="radio"
            name="size-mode"
            checked={threshold}
            onChange={() => change({ sizeMode: "threshold" })}
          />
          Similarity threshold
        </label>
      </div>
      {threshold ? (
        <div className="row" style={{ marginTop: 6 }}>
          <input
            type="range"
            aria-label="Minimum similarity"
            min={0}
            max={1}
            step={0.01}
            value={choices.minSimilarity}
            onChange={(e) => change({ minSimilarity: Number(e.target.value) })}
            style={{ flex: 1 }}
          />
          <strong style={{ width: 48, textAlign: "right" }}>{fixed(choices.minSimilarity, 2)}</strong>
          <div className="small muted" style={{ width: "100%" }}>
            Everyone with a cosine similarity of at least {fixed(choices.minSimilarity, 2)}, at most{" "}
            {count(LIMIT_MAX)} customers.
          </div>
        </div>
      ) : (
        <div className="row" style={{ marginTop: 6 }}>
          <input
            type="range"
            aria-label="Audience size"
            min={LIMIT_MIN}
            max={LIMIT_MAX}
            step={10}
            value={choices.limit}
            onChange={(e) => change({ limit: Number(e.target.value) })}
            style={{ flex: 1 }}
          />
          <input
            type="number"
            aria-label="Number of customers"
            min={LIMIT_MIN}
            max={LIMIT_MAX}
            value={choices.limit}
            onChange={(e) => change({ limit: Math.round(Number(e.target.value) || 0) })}
            // Clamped when the field is left, not per keystroke: typing 2000 passes through 2.
            onBlur={() => change({ limit: clampLimit(choices.limit) })}
            style={{ width: 80 }}
          />
        </div>
      )}
    </fieldset>
  );
}

/** How much the model's conversion probability counts next to similarity in the ranking. */
export function BlendPicker({ choices, change, hasProbability }: ChoicesProps & { hasProbability: boolean }) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend>
        <h3>Blend with the model probability</h3>
      </legend>
      <div className="row">
        <input
          type="range"
          aria-label="Probability weight"
          min={0}
          max={1}
          step={0.05}
          value={choices.blend}
          disabled={!hasProbability}
          onChange={(e) => change({ blend: Number(e.target.value) })}
          style={{ flex: 1 }}
        />
        <strong style={{ width: 48, textAlign: "right" }}>{fixed(choices.blend, 2)}</strong>
      </div>
      <div className="small muted">
        {hasProbability
          ? "Score = (1 − w) · similarity + w · probability. 0 ranks by resemblance alone; 1 by the model alone."
          : "This run is an autoencoder: there is no conversion probability to blend in."}
      </div>
    </fieldset>
  );
}
