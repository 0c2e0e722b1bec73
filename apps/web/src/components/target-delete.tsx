"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { TargetsDeleteListDocument } from "../graphql/generated";
import { count } from "../lib/format";
import { useAction } from "../lib/hooks";
import { ErrorNote } from "./ui";

/** "Delete list", then an explicit confirmation naming what goes; back to all lists once done. */
export function TargetDelete({ id, name, rowCount }: { id: string; name: string; rowCount: number }) {
  const router = useRouter();
  const remove = useAction(TargetsDeleteListDocument);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<{ message: string; field?: string | null } | null>(null);

  async function confirm() {
    setProblem(null);
    const answer = await remove.run({ id });
    if (answer?.deleteTargetList.ok) router.push("/targets");
    else if (answer?.deleteTargetList.error) setProblem(answer.deleteTargetList.error);
  }

  if (!confirming) {
    return (
      <button
        type="button"
        className="danger"
        style={{ whiteSpace: "nowrap" }}
        onClick={() => setConfirming(true)}
      >
        Delete list
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-label="Confirm deletion" className="grid" style={{ gap: 6 }}>
      <div className="row">
        <span>
          Delete “{name}” and its {count(rowCount)} members? Exports already downloaded are not affected.
        </span>
        <button type="button" className="danger" disabled={remove.pending} onClick={() => void confirm()}>
          Confirm delete
        </button>
        <button
          type="button"
          className="secondary"
          disabled={remove.pending}
          onClick={() => setConfirming(false)}
        >
          Cancel
        </button>
      </div>
      <ErrorNote error={problem ?? remove.error} />
    </div>
  );
}
