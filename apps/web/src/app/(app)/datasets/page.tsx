"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { importInput, SchemaEditor, type SchemaEdits } from "../../../components/schema-editor";
import { TransactionsImport } from "../../../components/transactions-import";
import { Card, Empty, ErrorNote, Loading, PageHead } from "../../../components/ui";
import {
  DatasetsDocument,
  ImportDatasetDocument,
  PreviewDatasetDocument,
  type PreviewDatasetMutation,
} from "../../../graphql/generated";
import { count, when } from "../../../lib/format";
import { ApiError, upload } from "../../../lib/graphql";
import { useQuery } from "../../../lib/hooks";
import { RequireRole } from "../../../lib/session";

type Preview = NonNullable<PreviewDatasetMutation["previewDataset"]["preview"]>;

/** Upload a CSV, see what was inferred (kinds, roles, statistics, first rows), correct it, import. */
function ImportPanel() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [edits, setEdits] = useState<SchemaEdits>({});
  const [name, setName] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; field?: string | null } | null>(null);

  async function runPreview(chosen: File, currentEdits: SchemaEdits, columns = preview?.columns) {
    setBusy("Reading the file…");
    setError(null);
    try {
      const input = columns ? importInput(columns, currentEdits) : {};
      const result = await upload(PreviewDatasetDocument, { input }, { file: chosen });
      if (result.previewDataset.ok && result.previewDataset.preview) {
        setPreview(result.previewDataset.preview);
        setEdits({});
      } else setError(result.previewDataset.error ?? { message: "preview failed" });
    } catch (e) {
      setError(e instanceof ApiError ? e : { message: String(e) });
    } finally {
      setBusy(null);
    }
  }

  async function runImport() {
    if (!file || !preview) return;
    setBusy("Importing…");
    setError(null);
    try {
      const result = await upload(
        ImportDatasetDocument,
        { input: importInput(preview.columns, edits, name.trim() || undefined) },
        { file },
      );
      if (result.importDataset.ok && result.importDataset.dataset) {
        router.push(`/datasets/${result.importDataset.dataset.id}`);
      } else setError(result.importDataset.error ?? { message: "import failed" });
    } catch (e) {
      setError(e instanceof ApiError ? e : { message: String(e) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card title="Import a customer table">
      <div className="row">
        <input
          type="file"
          accept=".csv,.txt,text/csv"
          aria-label="CSV file"
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            setFile(chosen);
            setPreview(null);
            if (chosen) {
              setName(chosen.name.replace(/\.[^.]+$/, ""));
              void runPreview(chosen, {}, undefined);
            }
          }}
        />
        {busy && <span className="muted">{busy}</span>}
      </div>
      <ErrorNote error={error} />
      {preview && file && (
        <div className="grid" style={{ marginTop: 14 }}>
          <p className="muted" style={{ margin: 0 }}>
            {count(preview.rowCount)} rows, {preview.columns.length} columns, separator “{preview.delimiter}”.
            {preview.target
              ? ` Target ${preview.target.column}: “${preview.target.positive}” = converted.`
              : " No target yet: pick one (role target) to train a classifier, or train an autoencoder without."}
          </p>
          <SchemaEditor columns={preview.columns} edits={edits} onChange={setEdits} />
          <div style={{ overflowX: "auto" }}>
            <h3>First rows</h3>
            <table className="small">
              <thead>
                <tr>
                  {preview.columns.map((c) => (
                    <th key={c.name}>{c.name}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.slice(0, 8).map((row, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
                  <tr key={i}>
                    {row.map((cell, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed row
                      <td key={j}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="row">
            <label className="field">
              Dataset name
              <input value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <span className="spacer" />
            <button
              type="button"
              className="secondary"
              disabled={!!busy}
              onClick={() => void runPreview(file, edits)}
            >
              Preview with changes
            </button>
            <button type="button" disabled={!!busy} onClick={() => void runImport()}>
              Import
            </button>
          </div>
        </div>
      )}
    </Card>
  );
}

export default function DatasetsPage() {
  const { data, loading, error } = useQuery(DatasetsDocument, {});
  const datasets = data?.datasets.items ?? [];
  return (
    <>
      <PageHead
        title="Datasets"
        subtitle="Customer tables: inferred schema, statistics and the runs trained on them."
      />
      <RequireRole role="analyst">
        <ImportPanel />
        <TransactionsImport />
      </RequireRole>
      <Card title="Imported">
        <ErrorNote error={error} />
        {loading && !data ? (
          <Loading />
        ) : datasets.length === 0 ? (
          <Empty title="No dataset yet">
            An analyst imports a customer CSV above; its schema is inferred.
          </Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Source</th>
                <th className="num">Rows</th>
                <th className="num">Columns</th>
                <th>Target</th>
                <th>Imported</th>
                <th>Active run</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link href={`/datasets/${d.id}`}>{d.name}</Link>
                  </td>
                  <td className="muted">{d.source}</td>
                  <td className="num">{count(d.rowCount)}</td>
                  <td className="num">{d.columnCount}</td>
                  <td>{d.target?.column ?? <span className="muted">none (autoencoder)</span>}</td>
                  <td>{when(d.createdAt)}</td>
                  <td>
                    {d.activeRun ? (
                      <Link href={`/runs/${d.activeRun.id}`}>open</Link>
                    ) : (
                      <span className="muted">–</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
