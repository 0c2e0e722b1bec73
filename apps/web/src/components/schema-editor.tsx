"use client";

import type { ColumnFieldsFragment, ImportDatasetInput } from "../graphql/generated";
import { percent } from "../lib/format";
import { MiniHistogram } from "./mini-histogram";

export const KINDS = [
  "numeric",
  "categorical",
  "binary",
  "ordinal",
  "identifier",
  "constant",
  "date",
  "text",
] as const;
export const ROLES = ["feature", "id", "target", "time", "ignore"] as const;
export type Kind = (typeof KINDS)[number];
export type ColumnRole = (typeof ROLES)[number];

/** What the user changed: per column, kind and/or role. */
export type SchemaEdits = Record<string, { kind?: Kind; role?: ColumnRole }>;

/** The import input for the inferred columns with the user's edits applied. */
export function importInput(
  columns: ColumnFieldsFragment[],
  edits: SchemaEdits,
  name?: string,
): ImportDatasetInput {
  const roleOf = (c: ColumnFieldsFragment) => edits[c.name]?.role ?? (c.role as ColumnRole);
  const pick = (role: ColumnRole) => columns.find((c) => roleOf(c) === role)?.name;
  const kinds = columns.filter((c) => edits[c.name]?.kind && edits[c.name]?.kind !== c.kind);
  return {
    ...(name ? { name } : {}),
    ...(pick("target") ? { target: pick("target") } : {}),
    ...(pick("id") ? { idColumn: pick("id") } : {}),
    ...(pick("time") ? { timeColumn: pick("time") } : {}),
    drop: columns.filter((c) => roleOf(c) === "ignore" && c.role !== "ignore").map((c) => c.name),
    columns: kinds.map((c) => ({ name: c.name, kind: edits[c.name]?.kind })),
  };
}

/** The inferred schema as a table whose kinds and roles the user can correct. */
export function SchemaEditor({
  columns,
  edits,
  onChange,
  readOnly = false,
}: {
  columns: ColumnFieldsFragment[];
  edits: SchemaEdits;
  onChange?: (edits: SchemaEdits) => void;
  readOnly?: boolean;
}) {
  const set = (name: string, change: { kind?: Kind; role?: ColumnRole }) =>
    onChange?.({ ...edits, [name]: { ...edits[name], ...change } });
  return (
    <table>
      <thead>
        <tr>
          <th>Column</th>
          <th>Kind</th>
          <th>Role</th>
          <th className="num">Missing</th>
          <th className="num">Distinct</th>
          <th>Range / top values</th>
          <th>Distribution</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((c) => {
          const kind = edits[c.name]?.kind ?? (c.kind as Kind);
          const role = edits[c.name]?.role ?? (c.role as ColumnRole);
          return (
            <tr key={c.name} title={c.reason}>
              <td>
                <strong>{c.name}</strong>
              </td>
              <td>
                {readOnly ? (
                  kind
                ) : (
                  <select
                    aria-label={`kind of ${c.name}`}
                    value={kind}
                    onChange={(e) => set(c.name, { kind: e.target.value as Kind })}
                  >
                    {KINDS.map((k) => (
                      <option key={k}>{k}</option>
                    ))}
                  </select>
                )}
              </td>
              <td>
                {readOnly ? (
                  role
                ) : (
                  <select
                    aria-label={`role of ${c.name}`}
                    value={role}
                    onChange={(e) => set(c.name, { role: e.target.value as ColumnRole })}
                  >
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                )}
              </td>
              <td className="num">{percent(c.stats.missingShare)}</td>
              <td className="num">{c.stats.distinct.toLocaleString("en")}</td>
              <td className="small">
                {c.stats.min !== null && c.stats.max !== null
                  ? `${c.stats.min} – ${c.stats.max}`
                  : (c.stats.topValues ?? [])
                      .slice(0, 3)
                      .map((t) => t.value)
                      .join(", ")}
              </td>
              <td>
                <MiniHistogram histogram={c.stats.histogram} topValues={c.stats.topValues} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
