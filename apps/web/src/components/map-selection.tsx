"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MapCreateTargetListDocument, type MapCreateTargetListMutation } from "../graphql/generated";
import { count } from "../lib/format";
import { useAction } from "../lib/hooks";
import { saveSelection } from "../lib/selection";
import { RequireRole } from "../lib/session";
import { ErrorNote } from "./ui";

type TargetList = NonNullable<MapCreateTargetListMutation["createTargetList"]["targetList"]>;

/** Turns the customers picked on the map into a target list (name, save, then links to it). */
function SaveTargetList({ runId, customerIds }: { runId: string; customerIds: string[] }) {
  const create = useAction(MapCreateTargetListDocument);
  const [name, setName] = useState("");
  const [saved, setSaved] = useState<TargetList | null>(null);
  const [failure, setFailure] = useState<{ message: string; field?: string | null } | null>(null);

  async function save() {
    setFailure(null);
    const result = await create.run({
      input: { runId, name: name.trim(), from: { customerIds } },
    });
    if (!result) return;
    const payload = result.createTargetList;
    if (payload.ok && payload.targetList) {
      setSaved(payload.targetList);
      setName("");
    } else setFailure(payload.error ?? { message: "the target list was not saved" });
  }

  return (
    <form
      className="grid"
      style={{ gap: 8 }}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field">
        Target list name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Map cluster, high income"
        />
      </label>
      <button type="submit" className="secondary" disabled={create.pending || name.trim() === ""}>
        {create.pending ? "Saving…" : "Save as target list"}
      </button>
      <ErrorNote error={create.error ?? failure} />
      {saved && (
        <div className="small" role="status">
          Saved “{saved.name}” with {count(saved.rowCount)} customers.{" "}
          <Link href="/targets">Open target lists</Link> ·{" "}
          <a href={saved.exportPath} download>
            Download CSV
          </a>
        </div>
      )}
    </form>
  );
}

/**
 * What was selected on the map and what can be done with it: everyone can clear it; analysts
 * seed a lookalike search with it or save it as a target list.
 */
export function MapSelection({
  runId,
  customerIds,
  onClear,
}: {
  runId: string;
  customerIds: string[];
  onClear(): void;
}) {
  const router = useRouter();
  if (customerIds.length === 0) {
    return (
      <p className="small muted" style={{ margin: 0 }}>
        Nothing selected. Switch on <strong>Select</strong> and drag over customers (or shift-drag in pan
        mode); click a point to pick one.
      </p>
    );
  }
  return (
    <div className="grid" style={{ gap: 10 }}>
      <div className="row">
        <strong aria-live="polite">{count(customerIds.length)} selected</strong>
        <span className="spacer" />
        <button type="button" className="secondary" onClick={onClear}>
          Clear selection
        </button>
      </div>
      <RequireRole role="analyst">
        <button
          type="button"
          onClick={() => {
            saveSelection(runId, customerIds);
            router.push(`/runs/${runId}/lookalike?seeds=selection`);
          }}
        >
          Find lookalikes
        </button>
        <SaveTargetList runId={runId} customerIds={customerIds} />
      </RequireRole>
    </div>
  );
}
