"use client";

import { count } from "../lib/format";

/** Previous / next through a long table, and where we are ("51–100 of 480"). */
export function Pager({
  offset,
  limit,
  total,
  onChange,
}: {
  offset: number;
  limit: number;
  total: number;
  onChange(offset: number): void;
}) {
  if (total <= limit) return null;
  const last = Math.min(total, offset + limit);
  return (
    <nav className="row small" aria-label="Pages" style={{ marginTop: 10 }}>
      <span className="muted">
        {count(offset + 1)}–{count(last)} of {count(total)}
      </span>
      <span className="spacer" />
      <button
        type="button"
        className="secondary"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        Previous page
      </button>
      <button
        type="button"
        className="secondary"
        disabled={last >= total}
        onClick={() => onChange(offset + limit)}
      >
        Next page
      </button>
    </nav>
  );
}
