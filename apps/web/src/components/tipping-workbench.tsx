"use client";

import { useEffect, useRef, useState } from "react";
import {
  TippingCompareDocument,
  type TippingCompareQuery,
  TippingSearchDocument,
  type VectorSpace,
} from "../graphql/generated";
import { useAction } from "../lib/hooks";
import { CandidateTable, type TippingCandidate, type TippingReport } from "./tipping-candidates";
import {
  DEFAULT_SETTINGS,
  type FormError,
  type TippingFeature,
  TippingForm,
  type TippingSettings,
  tippingInput,
} from "./tipping-form";
import { ComparisonOverview, ReportSummary } from "./tipping-summary";
import { WhatIfPanel } from "./tipping-what-if";
import { Card, Empty } from "./ui";

type Comparison = NonNullable<TippingCompareQuery["compareTipping"]["comparison"]>;
type Result =
  | { kind: "compare"; comparison: Comparison; space: VectorSpace }
  | { kind: "potential"; report: TippingReport }
  | null;
type Selection = { list: string; candidate: TippingCandidate; threshold: number } | null;

/** One list's card: its summary above its candidates. */
function ListCard({
  title,
  note,
  report,
  selected,
  onSelect,
}: {
  title: string;
  note: string;
  report: TippingReport;
  selected: string | null;
  onSelect(candidate: TippingCandidate): void;
}) {
  return (
    <Card title={title}>
      <p className="small muted" style={{ marginTop: 0 }}>
        {note}
      </p>
      <ReportSummary report={report} />
      <div style={{ marginTop: 12 }}>
        <CandidateTable report={report} selected={selected} onSelect={onSelect} />
      </div>
    </Card>
  );
}

/** The analyst's tipping search: the form, the lists it returns, and a candidate's what-if panel. */
export function TippingWorkbench({
  runId,
  features,
  textModel,
}: {
  runId: string;
  features: TippingFeature[];
  textModel: string | null;
}) {
  const [settings, setSettings] = useState<TippingSettings>(DEFAULT_SETTINGS);
  const [result, setResult] = useState<Result>(null);
  const [payloadError, setPayloadError] = useState<FormError>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const compare = useAction(TippingCompareDocument);
  const search = useAction(TippingSearchDocument);
  const panel = useRef<HTMLDivElement>(null);
  const pending = compare.pending || search.pending;
  const error = payloadError ?? compare.error ?? search.error;

  useEffect(() => {
    // The panel opens below the lists: bring it into view when a candidate is chosen.
    if (selection) panel.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, [selection]);

  async function runCompare() {
    setPayloadError(null);
    const answer = await compare.run({ input: { ...tippingInput(runId, settings), list: "similarity" } });
    if (!answer) return setResult(null);
    const { ok, error: failure, comparison } = answer.compareTipping;
    if (ok && comparison) {
      setResult({ kind: "compare", comparison, space: settings.space });
      setSelection(null);
    } else {
      setResult(null);
      setPayloadError(failure ?? { message: "the comparison failed" });
    }
  }

  async function runPotential() {
    setPayloadError(null);
    const answer = await search.run({ input: { ...tippingInput(runId, settings), list: "potential" } });
    if (!answer) return setResult(null);
    const { ok, error: failure, report } = answer.tipping;
    if (ok && report) {
      setResult({ kind: "potential", report });
      setSelection(null);
    } else {
      setResult(null);
      setPayloadError(failure ?? { message: "the search failed" });
    }
  }

  const select = (list: string, threshold: number) => (candidate: TippingCandidate) =>
    setSelection({ list, candidate, threshold });
  const selectedIn = (list: string) => (selection?.list === list ? selection.candidate.customerId : null);

  return (
    <>
      <Card title="Tipping search">
        <TippingForm
          features={features}
          textModel={textModel}
          settings={settings}
          onChange={setSettings}
          onCompare={() => void runCompare()}
          onPotential={() => void runPotential()}
          pending={pending}
          error={error}
        />
      </Card>
      {result === null ? (
        <Card>
          <Empty title={pending ? "Searching…" : "No tipping search yet"}>
            {pending
              ? "Each candidate is re-scored with changed values of its actionable features."
              : "Tick the features a campaign can change, lock the ones it cannot, then Compare lists."}
          </Empty>
        </Card>
      ) : result.kind === "compare" ? (
        <>
          <Card title="List A against List B">
            <ComparisonOverview comparison={result.comparison} />
          </Card>
          <div className="grid two" style={{ alignItems: "start" }}>
            <ListCard
              title="List A: similarity"
              note={`Each buyer's nearest non-buyer in ${result.space === "text" ? "the text space" : "embedding space"}, most similar first.`}
              report={result.comparison.similarity}
              selected={selectedIn("similarity")}
              onSelect={select("similarity", result.comparison.similarity.threshold)}
            />
            <ListCard
              title="List B: probability"
              note="Non-buyers under the threshold, highest model probability first."
              report={result.comparison.probability}
              selected={selectedIn("probability")}
              onSelect={select("probability", result.comparison.probability.threshold)}
            />
          </div>
        </>
      ) : (
        <ListCard
          title="Potential list"
          note="Non-buyers the model already puts at or over the threshold: no change needed, contact them first. They are left out of Lists A and B."
          report={result.report}
          selected={selectedIn("potential")}
          onSelect={select("potential", result.report.threshold)}
        />
      )}
      <div ref={panel} style={{ scrollMarginTop: 16 }}>
        {selection && (
          <WhatIfPanel
            key={`${selection.list}:${selection.candidate.customerId}`}
            runId={runId}
            candidate={selection.candidate}
            threshold={selection.threshold}
            features={features.map((f) => f.name)}
            onClose={() => setSelection(null)}
          />
        )}
      </div>
    </>
  );
}
