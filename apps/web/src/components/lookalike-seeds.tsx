"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { count, percent } from "../lib/format";
import { type ChoicesProps, type LookalikeRun, parseIds, type SeedMode } from "./lookalike-form";

/** One way of choosing seeds: a radio, and its settings only while it is chosen. */
function SeedOption({
  mode,
  label,
  choices,
  change,
  disabled,
  hint,
  children,
}: ChoicesProps & {
  mode: SeedMode;
  label: string;
  disabled?: boolean;
  hint?: ReactNode;
  children?: ReactNode;
}) {
  const chosen = choices.seedMode === mode;
  return (
    <div style={{ marginBottom: 8 }}>
      <label className="row" style={{ gap: 6 }}>
        <input
          type="radio"
          name="seed-mode"
          value={mode}
          checked={chosen}
          disabled={disabled}
          onChange={() => change({ seedMode: mode })}
        />
        <span className={disabled ? "muted" : ""}>{label}</span>
      </label>
      {hint && (
        <div className="small muted" style={{ marginLeft: 22 }}>
          {hint}
        </div>
      )}
      {chosen && children && <div style={{ margin: "6px 0 0 22px" }}>{children}</div>}
    </div>
  );
}

/**
 * Who the audience should resemble: the converted customers, the members of a persona, pasted
 * customer ids, or the customers lassoed on the map.
 */
export function SeedPicker({
  choices,
  change,
  run,
  selection,
}: ChoicesProps & { run: LookalikeRun; selection: string[] }) {
  const target = run.dataset.target;
  const personas = run.latestAnalysis?.personas ?? [];
  const pasted = parseIds(choices.seedIds).length;
  const section = { choices, change };
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend>
        <h3>Seeds: whom should the audience resemble?</h3>
      </legend>
      <SeedOption
        {...section}
        mode="label"
        label="Converted customers"
        disabled={!target}
        hint={
          target
            ? `Everyone with ${target.column} = ${target.positive}.`
            : "This dataset has no target column, so there are no converted customers to start from."
        }
      />
      <SeedOption
        {...section}
        mode="persona"
        label="Members of a persona"
        disabled={personas.length === 0}
        hint={
          personas.length === 0 ? (
            <>
              No personas yet: an analysis of this run makes them (
              <Link href={`/runs/${run.id}/personas`}>Personas</Link>
              ).
            </>
          ) : undefined
        }
      >
        <label className="field">
          Seed persona (K = {run.latestAnalysis?.chosenK})
          <select value={choices.seedPersona} onChange={(e) => change({ seedPersona: e.target.value })}>
            {personas.map((p) => (
              <option key={p.id} value={p.segmentId}>
                {p.name} — {count(p.size)} customers
                {p.conversionRate !== null ? `, ${percent(p.conversionRate)} converted` : ""}
              </option>
            ))}
          </select>
        </label>
      </SeedOption>
      <SeedOption {...section} mode="ids" label="Pasted customer ids">
        <label className="field">
          Seed customer ids
          <textarea
            rows={4}
            value={choices.seedIds}
            placeholder={"e.g. 1576, 2690\nor one id per line"}
            onChange={(e) => change({ seedIds: e.target.value })}
            style={{ width: "100%" }}
          />
        </label>
        <div className="small muted">{count(pasted)} distinct ids, separated by commas or new lines.</div>
      </SeedOption>
      {selection.length > 0 && (
        <SeedOption
          {...section}
          mode="selection"
          label="Map selection"
          hint={`${count(selection.length)} customers selected on the map`}
        />
      )}
    </fieldset>
  );
}
