"use client";

import { useState } from "react";
import {
  TippingCustomerDocument,
  type TippingCustomerQuery,
  TippingWhatIfDocument,
} from "../graphql/generated";
import { fixed } from "../lib/format";
import { type QueryState, useQuery } from "../lib/hooks";
import { changedFeatures, type TippingCandidate, TippingStatus } from "./tipping-candidates";
import { WhatIfCurve } from "./tipping-curve";
import { ShapWaterfall } from "./tipping-waterfall";
import { Card, Empty, ErrorNote, Loading, Stat } from "./ui";

type CustomerState = QueryState<TippingCustomerQuery>;

/** Why the model scores the customer as it does: the SHAP waterfall. */
function CustomerShap({
  customer,
  threshold,
  feature,
}: {
  customer: CustomerState;
  threshold: number;
  feature: string;
}) {
  const { data, loading, error } = customer;
  const shap = data?.customer?.shap;
  return (
    <div>
      <h3>Why this probability (SHAP)</h3>
      <ErrorNote error={error} />
      {loading && !data ? (
        <Loading />
      ) : shap ? (
        <>
          <ShapWaterfall
            baseValue={shap.baseValue}
            contributions={shap.contributions}
            threshold={threshold}
            highlight={feature}
          />
          <p className="small muted" style={{ margin: "4px 0 0" }}>
            {shap.method} SHAP: base value {fixed(shap.baseValue)} + contributions = probability{" "}
            {fixed(data?.customer?.probability)}.
          </p>
        </>
      ) : (
        !error && <Empty title="No SHAP values for this customer" />
      )}
    </div>
  );
}

/** How the probability moves with one feature, for this customer. */
function FeatureCurve({
  runId,
  candidate,
  current,
  threshold,
  feature,
}: {
  runId: string;
  candidate: TippingCandidate;
  current: string | null;
  threshold: number;
  feature: string;
}) {
  const { data, loading, error } = useQuery(TippingWhatIfDocument, {
    runId,
    customerId: candidate.customerId,
    feature,
  });
  const change = candidate.changes.find((c) => c.feature === feature);
  const points = data?.whatIf ?? [];
  return (
    <div>
      <ErrorNote error={error} />
      {loading && !data ? (
        <Loading />
      ) : points.length > 0 ? (
        <WhatIfCurve
          feature={feature}
          points={points}
          threshold={threshold}
          current={change?.originalValue ?? current}
          tipping={change?.tippingValue ?? null}
        />
      ) : (
        !error && <Empty title={`No permitted values of ${feature} to try`} />
      )}
    </div>
  );
}

/**
 * One candidate in detail: its SHAP waterfall beside the what-if curve of its tipping feature
 * (any other feature can be tried). Remount it per customer (key) to start from its tipping feature.
 */
export function WhatIfPanel({
  runId,
  candidate,
  threshold,
  features,
  onClose,
}: {
  runId: string;
  candidate: TippingCandidate;
  threshold: number;
  features: string[];
  onClose(): void;
}) {
  const [feature, setFeature] = useState(
    candidate.changes[0]?.feature ?? candidate.tippingFeature ?? features[0] ?? "",
  );
  const customer = useQuery(TippingCustomerDocument, { runId, customerId: candidate.customerId });
  const current =
    customer.data?.customer?.shap?.contributions.find((c) => c.feature === feature)?.value ??
    (candidate.tippingFeature === feature ? candidate.originalValue : null);
  return (
    <Card
      title={`What-if: customer ${candidate.customerId}`}
      actions={
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      }
    >
      <div className="row" style={{ gap: 28, marginBottom: 12 }}>
        <Stat label="probability now" value={fixed(candidate.probability)} />
        {candidate.newProbability !== null && (
          <Stat
            label={candidate.tipped ? "with the tipping change" : "best any permitted value gives"}
            value={fixed(candidate.newProbability)}
          />
        )}
        {candidate.status !== "above-threshold" && (
          <Stat label="tipping feature" value={changedFeatures(candidate)} />
        )}
        <TippingStatus status={candidate.status} />
      </div>
      <div className="grid two" style={{ alignItems: "start" }}>
        <CustomerShap customer={customer} threshold={threshold} feature={feature} />
        <div>
          <div className="row" style={{ marginBottom: 8 }}>
            <h3 style={{ margin: 0 }}>Probability against</h3>
            <select aria-label="What-if feature" value={feature} onChange={(e) => setFeature(e.target.value)}>
              {features.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </div>
          {candidate.changes.length > 1 && (
            <p className="small muted" style={{ margin: "0 0 6px" }}>
              A pair tipped this customer: the curve moves one feature with the other at its current value.
            </p>
          )}
          {feature ? (
            <FeatureCurve
              runId={runId}
              candidate={candidate}
              current={current}
              threshold={threshold}
              feature={feature}
            />
          ) : (
            <Empty title="Choose a feature" />
          )}
        </div>
      </div>
    </Card>
  );
}
