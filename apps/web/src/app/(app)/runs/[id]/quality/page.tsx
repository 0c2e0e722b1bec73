"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { JobProgress } from "../../../../../components/job-progress";
import {
  ANALYZE_DEFAULTS,
  AnalyzeForm,
  analyzeDefaultsFrom,
} from "../../../../../components/quality-analyze-form";
import {
  ElbowChart,
  PcaChart,
  type QualityAnalysis,
  SilhouetteChart,
} from "../../../../../components/quality-charts";
import { SweepTable } from "../../../../../components/quality-sweep-table";
import { Card, Empty, ErrorNote, Loading, Stat } from "../../../../../components/ui";
import { AnalysisChooseKDocument, AnalysisQualityDocument } from "../../../../../graphql/generated";
import { count, fixed, percent, when } from "../../../../../lib/format";
import { useAction, useQuery } from "../../../../../lib/hooks";
import { RequireRole, useSession } from "../../../../../lib/session";

/**
 * A running analysis job. It stays on screen when it fails or is cancelled (with its error) until
 * dismissed, and disappears when it succeeds; `onEnded` fires once.
 */
function AnalysisJob({
  jobId,
  onEnded,
  onDismiss,
}: {
  jobId: string;
  onEnded: (status: string) => void;
  onDismiss: () => void;
}) {
  const [ended, setEnded] = useState<string | null>(null);
  const handled = useRef(false);
  // JobProgress reports the end on every poll: act on the first report only.
  const onDone = useCallback(
    (status: string) => {
      if (handled.current) return;
      handled.current = true;
      setEnded(status);
      onEnded(status);
    },
    [onEnded],
  );
  if (ended === "succeeded") return null;
  return (
    <Card
      title="Analysis"
      actions={
        ended && (
          <button type="button" className="secondary" onClick={onDismiss}>
            Dismiss
          </button>
        )
      }
    >
      <JobProgress jobId={jobId} onDone={onDone} />
      {!ended && (
        <p className="small muted" style={{ marginBottom: 0 }}>
          K sweep, PCA and the chosen maps, personas and drift: this page refreshes when it ends.
        </p>
      )}
    </Card>
  );
}

/** Recommended, chosen and elbow K, the sweep's verdict, and the two charts side by side. */
function SweepCard({ analysis }: { analysis: QualityAnalysis }) {
  const { thresholds } = analysis;
  const chosen = analysis.sweep.find((p) => p.k === analysis.chosenK);
  return (
    <Card
      title="Cluster sweep"
      actions={
        <span className={`badge ${analysis.agreement === "agree" ? "good" : "warn"}`}>
          elbow and silhouette {analysis.agreement}
        </span>
      }
    >
      <div className="grid" style={{ gridTemplateColumns: "repeat(4, minmax(0, 1fr))", marginBottom: 12 }}>
        <Stat label="Recommended K" value={analysis.recommendedK} />
        <Stat label="Chosen K (personas)" value={analysis.chosenK} />
        <Stat label="Elbow K" value={analysis.elbowK ?? "–"} />
        <Stat label="Silhouette at chosen K" value={fixed(chosen?.silhouette)} />
      </div>
      <p style={{ marginTop: 0 }}>{analysis.note}</p>
      <div className="grid two">
        <div>
          <h3>Elbow: inertia against K</h3>
          <ElbowChart analysis={analysis} />
        </div>
        <div>
          <h3>Silhouette against K</h3>
          <SilhouetteChart analysis={analysis} />
        </div>
      </div>
      <p className="small muted" style={{ marginBottom: 0 }}>
        Thresholds: a mean silhouette above {thresholds.silhouette} means the embedding separates customers
        into real groups (above {thresholds.silhouetteBusinessData} when clustering raw business data); the
        first two PCA components should carry more than {percent(thresholds.pcaFirstTwo, 0)} of the variance.
        Inertia always falls as K grows: look for the bend, not the minimum.
      </p>
    </Card>
  );
}

/** Share of the embedding's variance on the PCA map's two axes, against the threshold. */
function PcaCard({ analysis }: { analysis: QualityAnalysis }) {
  const { firstTwo, explainedVarianceRatio } = analysis.pca;
  const threshold = analysis.thresholds.pcaFirstTwo;
  const passes = firstTwo > threshold;
  return (
    <Card title="PCA explained variance">
      <div className="grid" style={{ gridTemplateColumns: "minmax(0, 1fr) minmax(0, 2fr)" }}>
        <div>
          <Stat label="First two components" value={percent(firstTwo)} />
          <p>
            <span className={`badge ${passes ? "good" : "warn"}`}>
              {passes ? "above" : "below"} the {percent(threshold, 0)} threshold
            </span>
          </p>
          <p className="small muted">
            {passes
              ? "The PCA map shows most of how customers differ: distances on it can be trusted."
              : "The PCA map hides much of the structure: prefer the t-SNE or UMAP map to read groups."}{" "}
            {explainedVarianceRatio.length} components in all.
          </p>
        </div>
        <PcaChart ratios={explainedVarianceRatio} />
      </div>
    </Card>
  );
}

/**
 * HDBSCAN density clusters of the analysis sample beside k-means: each cluster's size, share and
 * conversion, the noise as its own row, and how far the two clusterings agree (ARI).
 */
function DensityCard({ analysis }: { analysis: QualityAnalysis }) {
  const { density } = analysis;
  if (!density) {
    return (
      <Card title="Density clusters (HDBSCAN)">
        <p className="small muted" style={{ margin: 0 }}>
          This analysis has no density clusters (it predates them, they were switched off, or there were too
          few customers): re-analyze the run to compute them.
        </p>
      </Card>
    );
  }
  const hasConversion = density.clusters.some((c) => c.conversionRate !== null);
  return (
    <Card
      title="Density clusters (HDBSCAN)"
      actions={
        <span className="small muted">
          on the {density.on === "umap" ? "UMAP map" : "embeddings"} of {count(density.rows)} sampled
          customers
        </span>
      }
    >
      <div className="grid" style={{ gridTemplateColumns: "repeat(4, minmax(0, 1fr))", marginBottom: 12 }}>
        <Stat label="Density clusters" value={density.clusterCount} />
        <Stat label="Noise" value={percent(density.noiseShare)} />
        <Stat
          label={`Agreement with k-means K = ${density.k} (ARI)`}
          value={fixed(density.agreementWithKMeans)}
        />
        <Stat label="Smallest cluster allowed" value={count(density.minClusterSize)} />
      </div>
      <table>
        <thead>
          <tr>
            <th>Group</th>
            <th className="num">Customers</th>
            <th className="num">Share</th>
            {hasConversion && <th className="num">Conversion</th>}
          </tr>
        </thead>
        <tbody>
          {density.clusters.map((c) => (
            <tr key={c.cluster} className={c.cluster === -1 ? "muted" : undefined}>
              <td>{c.cluster === -1 ? "Noise (no dense group)" : `Cluster ${c.cluster + 1}`}</td>
              <td className="num">{count(c.size)}</td>
              <td className="num">{percent(c.share)}</td>
              {hasConversion && <td className="num">{percent(c.conversionRate)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted" style={{ marginBottom: 0 }}>
        Density clusters help where groups are not round or not equally dense, which k-means cuts or merges,
        and they keep customers in no dense region apart as noise instead of forcing them into a persona. An
        ARI near 1 means both methods find the same groups; near 0, different ones.
      </p>
    </Card>
  );
}

export default function QualityPage() {
  const { id } = useParams<{ id: string }>();
  const session = useSession();
  const { data, loading, error, refetch } = useQuery(AnalysisQualityDocument, { id });
  const choose = useAction(AnalysisChooseKDocument);
  const [choosing, setChoosing] = useState<number | null>(null);
  const [chooseError, setChooseError] = useState<{ message: string; field?: string | null } | null>(null);
  // The job followed on screen: one started here, or pinned from the query once it ended badly.
  const [followed, setFollowed] = useState<{ id: string; ended: string | null } | null>(null);
  const [reanalyze, setReanalyze] = useState(false);

  const pending = data
    ? [...data.analysisRunning.items, ...data.analysisQueued.items].find(
        (job) => job.kind === "analyze" && job.run?.id === id,
      )
    : undefined;
  const jobId = followed?.id ?? pending?.id ?? null;
  const running = !!pending || (!!followed && followed.ended === null);

  const onEnded = useCallback(
    (status: string) => {
      // Keep a failed job (and its error) on screen; a finished one gives way to the new analysis.
      setFollowed(status === "succeeded" || !jobId ? null : { id: jobId, ended: status });
      if (status === "succeeded") setReanalyze(false);
      void refetch();
    },
    [jobId, refetch],
  );

  const run = data?.run;
  if (loading && !data) return <Loading />;
  if (!run) return <ErrorNote error={error ?? { message: `no run "${id}"` }} />;
  const analysis = run.latestAnalysis;

  async function onChoose(k: number) {
    if (!analysis) return;
    setChoosing(k);
    setChooseError(null);
    const result = await choose.run({ analysisId: analysis.id, k });
    setChoosing(null);
    if (!result) return;
    if (result.chooseK.ok) await refetch();
    else setChooseError(result.chooseK.error ?? { message: "K could not be chosen" });
  }

  const job = jobId && (
    <AnalysisJob key={jobId} jobId={jobId} onEnded={onEnded} onDismiss={() => setFollowed(null)} />
  );
  const form = (defaults: typeof ANALYZE_DEFAULTS) => (
    <AnalyzeForm
      runId={run.id}
      defaults={defaults}
      onStarted={(started) => {
        setFollowed({ id: started, ended: null });
        void refetch();
      }}
    />
  );

  if (!analysis) {
    return (
      <>
        {job}
        <Card title="Embedding quality">
          <ErrorNote error={error} />
          <Empty title="This run has not been analyzed yet">
            {run.status !== "succeeded"
              ? "The run must finish training first; then an analyst analyzes it here."
              : running
                ? "An analysis is running: the K sweep, maps and personas appear here when it ends."
                : session?.can("analyst")
                  ? "Start an analysis below: a K sweep (elbow and silhouette), PCA and optional t-SNE / UMAP maps, personas and drift."
                  : "Ask an analyst to analyze it: the K sweep, maps and personas appear here when it is done."}
          </Empty>
        </Card>
        {run.status === "succeeded" && !running && (
          <RequireRole role="analyst">
            <Card title="Analyze this run">{form(ANALYZE_DEFAULTS)}</Card>
          </RequireRole>
        )}
      </>
    );
  }

  return (
    <>
      {job}
      <ErrorNote error={error} />
      <p className="muted small" style={{ marginTop: 0 }}>
        Analysis of {when(analysis.createdAt)}, K = {analysis.sweep[0]?.k}..{analysis.sweep.at(-1)?.k}.
      </p>
      <SweepCard analysis={analysis} />
      <Card
        title="K sweep"
        actions={<Link href={`/runs/${id}/personas`}>Personas of K = {analysis.chosenK} →</Link>}
      >
        <SweepTable analysis={analysis} choosing={choosing} onChoose={(k) => void onChoose(k)} />
        {choosing !== null && (
          <p className="small muted" role="status">
            Building the personas of K = {choosing}…
          </p>
        )}
        <ErrorNote error={chooseError ?? choose.error} />
        <p className="small muted" style={{ marginBottom: 0 }}>
          Davies–Bouldin: lower is better separated (the best is in bold).{" "}
          {session?.can("analyst")
            ? "Choosing a K makes its personas the run's current ones on the Personas tab."
            : "An analyst chooses which K the Personas tab shows."}
        </p>
      </Card>
      <PcaCard analysis={analysis} />
      <DensityCard analysis={analysis} />
      {!running && (
        <RequireRole role="analyst">
          <Card
            title="Re-analyze"
            actions={
              <button
                type="button"
                className="secondary"
                aria-expanded={reanalyze}
                onClick={() => setReanalyze((open) => !open)}
              >
                {reanalyze ? "Hide" : "Re-analyze"}
              </button>
            }
          >
            {reanalyze ? (
              <>
                <p className="small muted" style={{ marginTop: 0 }}>
                  A new analysis becomes the run's latest: its sweep, maps and personas replace these (persona
                  names and strategies edited here are not carried over).
                </p>
                {form(analyzeDefaultsFrom(analysis.config))}
              </>
            ) : (
              <p className="small muted" style={{ margin: 0 }}>
                Run the sweep again with another K range, other maps or a business segmentation to compare
                with.
              </p>
            )}
          </Card>
        </RequireRole>
      )}
    </>
  );
}
