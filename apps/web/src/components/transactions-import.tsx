"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { ImportTransactionsDocument, type ImportTransactionsMutation } from "../graphql/generated";
import { count, percent } from "../lib/format";
import { ApiError, upload } from "../lib/graphql";
import { Card, ErrorNote } from "./ui";

type Summary = NonNullable<ImportTransactionsMutation["importTransactions"]["summary"]>;

/**
 * Transactions (customer, date, amount or quantity × price) → one row per customer with RFM
 * features and segments, imported as a dataset; optional snapshot dates for segments over time.
 */
export function TransactionsImport() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string | null } | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError({ message: "choose a transactions CSV first", field: "file" });
      return;
    }
    const snapshots = String(form.get("snapshots") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    setBusy(true);
    setError(null);
    setSummary(null);
    try {
      const result = await upload(
        ImportTransactionsDocument,
        {
          input: {
            name: String(form.get("name") ?? "").trim() || undefined,
            dropInvalid: form.get("dropInvalid") === "on",
            ...(snapshots.length > 0 ? { snapshots } : {}),
          },
        },
        { file },
      );
      const answer = result.importTransactions;
      if (answer.ok && answer.summary) setSummary(answer.summary);
      else setError(answer.error ?? { message: "import failed" });
    } catch (e) {
      setError(e instanceof ApiError ? e : { message: String(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Import transactions (RFM)">
      <form onSubmit={submit} className="grid">
        <p className="muted" style={{ margin: 0 }}>
          One line per purchase: a customer, a date, and an amount (or a quantity and a unit price). Columns
          are recognised by name; cancellations, returns, unpaid lines and duplicates are removed and counted.
        </p>
        <div className="row">
          <input type="file" name="file" accept=".csv,.txt,text/csv" aria-label="Transactions CSV" />
          <label className="field">
            Dataset name
            <input name="name" placeholder="file name" />
          </label>
          <label className="field">
            Snapshot dates (segments over time)
            <input name="snapshots" placeholder="2024-01-01, 2024-04-01" style={{ width: 220 }} />
          </label>
          <label className="field">
            <span>
              <input type="checkbox" name="dropInvalid" /> Leave out lines with unreadable dates or amounts
            </span>
          </label>
          <span className="spacer" />
          <button type="submit" disabled={busy}>
            {busy ? "Importing…" : "Import transactions"}
          </button>
        </div>
      </form>
      <ErrorNote error={error} />
      {summary && <TransactionsSummaryView summary={summary} />}
    </Card>
  );
}

function TransactionsSummaryView({ summary }: { summary: Summary }) {
  const removed = summary.removed.reduce((sum, r) => sum + r.rows, 0);
  return (
    <div className="grid" style={{ marginTop: 14 }} data-testid="transactions-summary">
      <p style={{ margin: 0 }}>
        {count(summary.customers)} customers from {count(summary.inputRows)} lines ({count(removed)} removed),
        as of {summary.asOf}.{" "}
        {summary.dataset && (
          <Link href={`/datasets/${summary.dataset.id}`}>Open dataset “{summary.dataset.name}”</Link>
        )}
      </p>
      <div className="row" style={{ alignItems: "flex-start" }}>
        <table className="small">
          <thead>
            <tr>
              <th>Removed because</th>
              <th className="num">Lines</th>
            </tr>
          </thead>
          <tbody>
            {summary.removed.map((r) => (
              <tr key={r.reason}>
                <td>{r.reason}</td>
                <td className="num">{count(r.rows)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="small">
          <thead>
            <tr>
              <th>RFM segment</th>
              <th className="num">Customers</th>
              <th className="num">Share</th>
              <th className="num">Revenue</th>
            </tr>
          </thead>
          <tbody>
            {summary.segments.map((s) => (
              <tr key={s.name} title={s.description ?? undefined}>
                <td>{s.name}</td>
                <td className="num">{count(s.customers)}</td>
                <td className="num">{percent(s.share)}</td>
                <td className="num">{percent(s.revenueShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
