"use client";

import { useState } from "react";
import { ResponsiveContainer, Sankey, type SankeyNodeProps, Tooltip } from "recharts";
import { SegmentHistoryDocument } from "../graphql/generated";
import { count, percent } from "../lib/format";
import { useQuery } from "../lib/hooks";
import { Card, ErrorNote, Stat } from "./ui";

const day = (iso: string) => iso.slice(0, 10);

/** A segment bar with its name and size: before-segments labelled on the left, after on the right. */
function SegmentNode({ x, y, width, height, payload }: SankeyNodeProps) {
  const before = (payload as { side?: string }).side === "before";
  return (
    <g>
      <rect x={x} y={y} width={width} height={height} fill="#2f5fd0" />
      <text
        x={before ? x - 6 : x + width + 6}
        y={y + height / 2}
        textAnchor={before ? "end" : "start"}
        dominantBaseline="middle"
        fontSize={12}
        fill="#1c2433"
      >
        {payload.name} ({count(payload.value)})
      </text>
    </g>
  );
}

/**
 * Segments over time for a dataset with stored snapshots: who moved between segments (a Sankey
 * per pair of consecutive snapshots), how many kept theirs, and segments whose share changed.
 */
export function SegmentsOverTime({
  datasetId,
  kind = "rfm",
  title = "Segments over time",
}: {
  datasetId: string;
  /** "rfm" (snapshots of an RFM import) or "personas:<run id>" (personas refreshed by scored batches). */
  kind?: string;
  title?: string;
}) {
  const [threshold, setThreshold] = useState(0.2);
  const { data, error } = useQuery(SegmentHistoryDocument, { datasetId, kind, alertThreshold: threshold });
  const [pick, setPick] = useState(0);
  const history = data?.segmentHistory;
  if (error) return <ErrorNote error={error} />;
  if (!history || history.snapshots.length < 2) return null;
  const migration = history.migrations[Math.min(pick, history.migrations.length - 1)];
  if (!migration) return null;
  return (
    <Card
      title={title}
      actions={
        <div className="row">
          <label className="field">
            Between
            <select
              value={pick}
              onChange={(e) => setPick(Number(e.target.value))}
              aria-label="Snapshots compared"
            >
              {history.migrations.map((m, i) => (
                <option key={m.from} value={i}>
                  {day(m.from)} → {day(m.to)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Alert at a share change of
            <select
              value={threshold}
              onChange={(e) => setThreshold(Number(e.target.value))}
              aria-label="Alert threshold"
            >
              {[0.1, 0.2, 0.3, 0.5].map((t) => (
                <option key={t} value={t}>
                  ±{percent(t, 0)}
                </option>
              ))}
            </select>
          </label>
        </div>
      }
    >
      <div className="row" data-testid="segment-stability">
        <Stat label="Kept their segment" value={percent(migration.stability)} />
        <Stat label="Customers in both" value={count(migration.common)} />
        <Stat label="New customers" value={count(migration.entered)} />
        <Stat label="Gone" value={count(migration.left)} />
      </div>
      <div style={{ height: 420 }} role="img" aria-label="Migration between segments">
        <ResponsiveContainer width="100%" height="100%">
          <Sankey
            data={{
              nodes: migration.nodes.map((n) => ({ name: n.name, side: n.side })),
              links: migration.links,
            }}
            nodePadding={18}
            margin={{ left: 190, right: 190, top: 10, bottom: 10 }}
            link={{ stroke: "#2f5fd0", strokeOpacity: 0.25 }}
            node={(props: SankeyNodeProps) => <SegmentNode {...props} />}
          >
            <Tooltip />
          </Sankey>
        </ResponsiveContainer>
      </div>
      <p className="muted">
        Left: segments on {day(migration.from)} (and new customers); right: on {day(migration.to)}.
      </p>
      {migration.alerts.length > 0 ? (
        <ul data-testid="segment-alerts">
          {migration.alerts.map((a) => (
            <li key={a.segment}>
              <strong>{a.segment}</strong> {a.direction}: {percent(a.shareBefore)} → {percent(a.shareAfter)}{" "}
              of customers
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No segment's share changed by more than {percent(threshold, 0)}.</p>
      )}
      <table className="small">
        <thead>
          <tr>
            <th>Segment</th>
            {history.snapshots.map((s) => (
              <th key={s.cutoff} className="num">
                {day(s.cutoff)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(history.snapshots.at(-1)?.segments ?? []).map((segment) => (
            <tr key={segment.name}>
              <td>{segment.name}</td>
              {history.snapshots.map((s) => {
                const found = s.segments.find((x) => x.name === segment.name);
                return (
                  <td key={s.cutoff} className="num">
                    {found ? `${count(found.customers)} (${percent(found.share)})` : "–"}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
