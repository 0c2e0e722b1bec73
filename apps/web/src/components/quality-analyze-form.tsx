"use client";

import { type FormEvent, useState } from "react";
import { AnalysisAnalyzeRunDocument, type AnalyzeInput } from "../graphql/generated";
import { useAction } from "../lib/hooks";
import { ErrorNote } from "./ui";

/** What the form starts from: the API's defaults, or the settings of the current analysis. */
export interface AnalyzeDefaults {
  kMin: number;
  kMax: number;
  tsne: boolean;
  umap: boolean;
  density: boolean;
  /** Null: the API's default (1 % of the clustered rows, at least 15). */
  minClusterSize: number | null;
}

export const ANALYZE_DEFAULTS: AnalyzeDefaults = {
  kMin: 2,
  kMax: 14,
  tsne: true,
  umap: true,
  density: true,
  minClusterSize: null,
};

/** Reads the settings of a stored analysis (its `config` JSON), keeping defaults for anything missing. */
export function analyzeDefaultsFrom(config: unknown): AnalyzeDefaults {
  const c = typeof config === "object" && config !== null ? (config as Record<string, unknown>) : {};
  const int = (v: unknown, fallback: number) => (typeof v === "number" && Number.isInteger(v) ? v : fallback);
  const bool = (v: unknown, fallback: boolean) => (typeof v === "boolean" ? v : fallback);
  return {
    kMin: int(c.kMin, ANALYZE_DEFAULTS.kMin),
    kMax: int(c.kMax, ANALYZE_DEFAULTS.kMax),
    tsne: bool(c.tsne, ANALYZE_DEFAULTS.tsne),
    umap: bool(c.umap, ANALYZE_DEFAULTS.umap),
    density: bool(c.density, ANALYZE_DEFAULTS.density),
    minClusterSize: typeof c.minClusterSize === "number" ? c.minClusterSize : null,
  };
}

const SEGMENTS_PLACEHOLDER = `{
  "scores": [{ "name": "engagement", "formula": "Online + CreditCard + 2 * [CD Account]" }],
  "personas": [{ "name": "Engaged", "when": "engagement >= 2", "strategy": "Cross-sell" }],
  "fallback": "Everyone else"
}`;

type FormError = { message: string; field?: string | null };

/** The fields the form shows; any other field named by an error belongs to the segmentation JSON. */
const FORM_FIELDS = new Set(["kMin", "kMax", "tsne", "umap", "density", "minClusterSize"]);

/**
 * Starts an analysis of the run (K sweep, maps, personas, drift) in the background; the caller
 * follows the job. Refusals (a reversed K range, a bad segmentation) show right under the fields.
 */
export function AnalyzeForm({
  runId,
  defaults,
  onStarted,
}: {
  runId: string;
  defaults: AnalyzeDefaults;
  onStarted: (jobId: string) => void;
}) {
  const analyze = useAction(AnalysisAnalyzeRunDocument);
  const [kMin, setKMin] = useState(String(defaults.kMin));
  const [kMax, setKMax] = useState(String(defaults.kMax));
  const [tsne, setTsne] = useState(defaults.tsne);
  const [umap, setUmap] = useState(defaults.umap);
  const [density, setDensity] = useState(defaults.density);
  const [minClusterSize, setMinClusterSize] = useState(
    defaults.minClusterSize === null ? "" : String(defaults.minClusterSize),
  );
  const [segments, setSegments] = useState("");
  const [error, setError] = useState<FormError | null>(null);

  const invalid = (field: string) =>
    !!error?.field && (error.field === field || (field === "segments" && !FORM_FIELDS.has(error.field)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const input: AnalyzeInput = { tsne, umap, density };
    if (density && minClusterSize.trim() !== "") input.minClusterSize = Number(minClusterSize);
    // Empty K fields fall back to the API's defaults; bad values are the API's to refuse.
    if (kMin.trim() !== "") input.kMin = Number(kMin);
    if (kMax.trim() !== "") input.kMax = Number(kMax);
    if (segments.trim() !== "") {
      try {
        input.segments = JSON.parse(segments) as unknown;
      } catch (e) {
        setError({
          message: `The business segmentation is not valid JSON: ${(e as Error).message}`,
          field: "segments",
        });
        return;
      }
    }
    const result = await analyze.run({ runId, input });
    const payload = result?.analyzeRun;
    if (!payload) return;
    if (payload.ok && payload.job) onStarted(payload.job.id);
    else setError(payload.error ?? { message: "the analysis could not start" });
  }

  return (
    <form className="grid" style={{ gap: 12 }} onSubmit={(e) => void submit(e)} aria-label="Analyze the run">
      <div className="row" style={{ alignItems: "flex-end" }}>
        <label className="field">
          K from
          <input
            type="number"
            min={2}
            max={100}
            value={kMin}
            onChange={(e) => setKMin(e.target.value)}
            aria-invalid={invalid("kMin")}
            style={{ width: 90 }}
          />
        </label>
        <label className="field">
          K to
          <input
            type="number"
            min={2}
            max={100}
            value={kMax}
            onChange={(e) => setKMax(e.target.value)}
            aria-invalid={invalid("kMax")}
            style={{ width: 90 }}
          />
        </label>
        <label className="row small" style={{ gap: 6 }}>
          <input type="checkbox" checked={tsne} onChange={(e) => setTsne(e.target.checked)} />
          t-SNE map
        </label>
        <label className="row small" style={{ gap: 6 }}>
          <input type="checkbox" checked={umap} onChange={(e) => setUmap(e.target.checked)} />
          UMAP map
        </label>
        <label className="row small" style={{ gap: 6 }}>
          <input type="checkbox" checked={density} onChange={(e) => setDensity(e.target.checked)} />
          Density clusters (HDBSCAN)
        </label>
        {density && (
          <label className="field">
            Smallest cluster
            <input
              type="number"
              min={2}
              placeholder="auto"
              value={minClusterSize}
              onChange={(e) => setMinClusterSize(e.target.value)}
              aria-invalid={invalid("minClusterSize")}
              style={{ width: 90 }}
            />
          </label>
        )}
        <span className="small muted">
          PCA is always computed; t-SNE and UMAP take longer on large tables.
        </span>
      </div>
      <label className="field">
        Business segmentation (JSON, optional): rule-based personas to compare with the k-means ones
        <textarea
          rows={6}
          value={segments}
          onChange={(e) => setSegments(e.target.value)}
          placeholder={SEGMENTS_PLACEHOLDER}
          aria-invalid={invalid("segments")}
          spellCheck={false}
          style={{ fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", fontSize: 12 }}
        />
      </label>
      <ErrorNote error={error ?? analyze.error} />
      <div className="row">
        <button type="submit" disabled={analyze.pending}>
          {analyze.pending ? "Starting…" : "Start analysis"}
        </button>
      </div>
    </form>
  );
}
