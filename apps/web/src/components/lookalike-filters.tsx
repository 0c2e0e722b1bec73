"use client";

import { count } from "../lib/format";
import {
  ALL_SPLITS,
  type CandidateLabel,
  type ChoicesProps,
  type LookalikeRun,
  parseIds,
} from "./lookalike-form";

const SPLIT_NAMES: Record<string, string> = {
  train: "train",
  val: "validation",
  oot1: "out-of-time 1",
  oot2: "out-of-time 2",
  test: "test",
};

/** Who may be returned: by label, by the model's probability and by split (seeds never are). */
export function CandidatesPicker({ choices, change, labelled }: ChoicesProps & { labelled: boolean }) {
  const toggleSplit = (split: (typeof ALL_SPLITS)[number], on: boolean) =>
    change({ splits: on ? [...choices.splits, split] : choices.splits.filter((s) => s !== split) });
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend>
        <h3>Candidates: who may be returned?</h3>
      </legend>
      <div className="row" style={{ alignItems: "flex-end" }}>
        <label className="field">
          Candidates
          <select
            value={choices.candidateLabel}
            disabled={!labelled}
            onChange={(e) => change({ candidateLabel: e.target.value as CandidateLabel })}
          >
            <option value="0">Not converted only</option>
            <option value="1">Converted only</option>
            <option value="any">Everyone</option>
          </select>
        </label>
        <label className="field">
          Probability from
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            placeholder="any"
            value={choices.probabilityMin}
            onChange={(e) => change({ probabilityMin: e.target.value })}
            style={{ width: 90 }}
          />
        </label>
        <label className="field">
          Probability to
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            placeholder="any"
            value={choices.probabilityMax}
            onChange={(e) => change({ probabilityMax: e.target.value })}
            style={{ width: 90 }}
          />
        </label>
      </div>
      <fieldset className="small" style={{ border: 0, padding: 0, margin: "8px 0 0" }}>
        <legend className="muted">Splits (none ticked: all)</legend>
        <div className="row">
          {ALL_SPLITS.map((split) => (
            <label key={split} className="row" style={{ gap: 4 }}>
              <input
                type="checkbox"
                checked={choices.splits.includes(split)}
                onChange={(e) => toggleSplit(split, e.target.checked)}
              />
              {SPLIT_NAMES[split]}
            </label>
          ))}
        </div>
      </fieldset>
    </fieldset>
  );
}

/** Customers to leave out: pasted ids (an earlier campaign) and this run's earlier target lists. */
export function ExclusionsPicker({
  choices,
  change,
  lists,
}: ChoicesProps & { lists: LookalikeRun["targetLists"]["items"] }) {
  const pasted = parseIds(choices.excludeIds).length;
  const toggle = (id: string, on: boolean) =>
    change({
      excludeLists: on ? [...choices.excludeLists, id] : choices.excludeLists.filter((l) => l !== id),
    });
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend>
        <h3>Exclusions</h3>
      </legend>
      <label className="field">
        Customer ids to leave out
        <textarea
          rows={2}
          value={choices.excludeIds}
          placeholder="ids contacted in an earlier campaign, separated by commas or new lines"
          onChange={(e) => change({ excludeIds: e.target.value })}
          style={{ width: "100%" }}
        />
      </label>
      {pasted > 0 && <div className="small muted">{count(pasted)} distinct ids left out.</div>}
      <fieldset className="small" style={{ border: 0, padding: 0, margin: "8px 0 0" }}>
        <legend className="muted">Leave out the customers of earlier target lists of this run</legend>
        {lists.length === 0 ? (
          <div className="muted">none yet (lists saved from this page appear here).</div>
        ) : (
          lists.map((list) => (
            <label key={list.id} className="row" style={{ gap: 6, marginTop: 4 }}>
              <input
                type="checkbox"
                checked={choices.excludeLists.includes(list.id)}
                onChange={(e) => toggle(list.id, e.target.checked)}
              />
              {list.name} <span className="muted">({count(list.rowCount)} customers)</span>
            </label>
          ))
        )}
      </fieldset>
    </fieldset>
  );
}
