"use client";

import { useState } from "react";
import { count } from "../lib/format";

const FIELDSET = { border: 0, padding: 0, margin: 0 };

/** The list's own columns, as the API names them in the CSV. */
const LIST_COLUMNS = ["rank", "customer_id", "similarity", "probability", "score", "label"];

function ColumnBox({
  name,
  checked,
  onChange,
}: {
  name: string;
  checked: boolean;
  onChange(on: boolean): void;
}) {
  return (
    <label className="row small" style={{ gap: 4 }}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {name}
    </label>
  );
}

/**
 * Choose the CSV's columns (the list's own, then any raw column of the dataset) and download it.
 * A plain link: the API streams the file, checks the role and records the export in the audit log.
 */
export function TargetExport({
  exportPath,
  datasetColumns,
  rowCount,
}: {
  exportPath: string;
  datasetColumns: string[];
  rowCount: number;
}) {
  const [picked, setPicked] = useState<Set<string>>(() => new Set(LIST_COLUMNS));
  const toggle = (name: string, on: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  const setAll = (names: string[], on: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      for (const name of names) {
        if (on) next.add(name);
        else next.delete(name);
      }
      return next;
    });
  // A raw column named like a list column could not be told apart in ?columns=: the list's wins.
  const rawColumns = datasetColumns.filter((name) => !LIST_COLUMNS.includes(name));
  // The CSV keeps the order shown here: list columns first, then the dataset's in its order.
  const columns = [...LIST_COLUMNS, ...rawColumns].filter((name) => picked.has(name));
  const href = `${exportPath}?columns=${encodeURIComponent(columns.join(","))}`;

  return (
    <div className="grid" style={{ gap: 12 }}>
      <fieldset style={FIELDSET}>
        <legend>
          <h3>List columns</h3>
        </legend>
        <div className="row">
          {LIST_COLUMNS.map((name) => (
            <ColumnBox
              key={name}
              name={name}
              checked={picked.has(name)}
              onChange={(on) => toggle(name, on)}
            />
          ))}
        </div>
      </fieldset>
      <fieldset style={FIELDSET}>
        <legend>
          <h3>Dataset columns</h3>
        </legend>
        <div className="row">
          <span className="small muted">Raw cells as imported, after the list columns.</span>
          <span className="spacer" />
          <button type="button" className="secondary" onClick={() => setAll(rawColumns, true)}>
            Add all
          </button>
          <button type="button" className="secondary" onClick={() => setAll(rawColumns, false)}>
            Clear
          </button>
        </div>
        <div className="row" style={{ marginTop: 8 }}>
          {rawColumns.map((name) => (
            <ColumnBox
              key={name}
              name={name}
              checked={picked.has(name)}
              onChange={(on) => toggle(name, on)}
            />
          ))}
        </div>
      </fieldset>
      <div className="row">
        {columns.length > 0 ? (
          <a className="button" href={href} download>
            Export CSV
          </a>
        ) : (
          <span className="muted">Pick at least one column to export.</span>
        )}
        <span className="small muted">
          {count(rowCount)} rows × {columns.length} columns
          {columns.length > 0 ? `: ${columns.join(", ")}` : ""}. Each export is recorded in the audit log.
        </span>
      </div>
    </div>
  );
}
