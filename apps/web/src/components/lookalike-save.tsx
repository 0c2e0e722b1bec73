"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import {
  type LookalikeInput,
  LookalikeSaveListDocument,
  type LookalikeSaveListMutation,
} from "../graphql/generated";
import { count } from "../lib/format";
import { useAction } from "../lib/hooks";
import { ErrorNote } from "./ui";

type Saved = NonNullable<LookalikeSaveListMutation["createTargetList"]["targetList"]>;

/**
 * Keeps the search just shown as a target list (the API runs the same input again and stores
 * its ranking), then offers the list and its CSV.
 */
export function LookalikeSave({
  input,
  suggestedName,
  onSaved,
}: {
  input: LookalikeInput;
  suggestedName: string;
  onSaved(): void;
}) {
  const save = useAction(LookalikeSaveListDocument);
  const [name, setName] = useState(suggestedName);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [problem, setProblem] = useState<{ message: string; field?: string | null } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    const answer = await save.run({ input: { runId: input.runId, name, from: { lookalike: input } } });
    const payload = answer?.createTargetList;
    if (payload?.ok && payload.targetList) {
      setSaved(payload.targetList);
      onSaved();
    } else if (payload?.error) setProblem(payload.error);
  }

  if (saved) {
    return (
      <div className="row" role="status">
        <span className="badge good">saved</span>
        <span>
          Target list <Link href={`/targets/${saved.id}`}>{saved.name}</Link> with {count(saved.rowCount)}{" "}
          customers.
        </span>
        <span className="spacer" />
        <a className="button" href={saved.exportPath} download>
          Export CSV
        </a>
      </div>
    );
  }
  return (
    <form onSubmit={submit} aria-label="New target list">
      <div className="row" style={{ alignItems: "flex-end" }}>
        <label className="field" style={{ flex: 1, maxWidth: 420 }}>
          Target list name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </label>
        <button type="submit" disabled={save.pending || name.trim() === ""} aria-busy={save.pending}>
          Save as target list
        </button>
        {save.pending && <span className="muted">Saving…</span>}
      </div>
      <div style={{ marginTop: 8 }}>
        <ErrorNote error={problem ?? save.error} />
      </div>
    </form>
  );
}
