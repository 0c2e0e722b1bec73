"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TippingRunQuery } from "../graphql/generated";
import { count, fixed, when } from "../lib/format";
import { Empty } from "./ui";

type Explanation = NonNullable<NonNullable<TippingRunQuery["run"]>["explanation"]>;

/**
 * What drives the model across customers (mean |SHAP| of a stored sample): readable by everyone,
 * the context for which features are worth making actionable.
 */
export function GlobalImportance({ explanation }: { explanation: Explanation | null }) {
  if (!explanation) {
    return (
      <Empty title="No stored explanation yet">
        An analyst stores the model's global importance with <code>kindred explain --run …</code>.
        Per-customer SHAP values below are computed on demand.
      </Empty>
    );
  }
  const data = [...explanation.importance]
    .sort((a, b) => b.meanAbs - a.meanAbs)
    .map((f) => ({ feature: f.feature, meanAbs: f.meanAbs }));
  return (
    <figure style={{ margin: 0 }} aria-label="Global feature importance">
      <div style={{ height: 30 + data.length * 22 }}>
        <ResponsiveContainer>
          <BarChart data={data} layout="vertical" margin={{ top: 0, right: 20, bottom: 0, left: 10 }}>
            <CartesianGrid stroke="#eef0f4" horizontal={false} />
            <XAxis type="number" tickFormatter={(v: number) => fixed(v, 2)} />
            <YAxis type="category" dataKey="feature" width={140} tick={{ fontSize: 12 }} interval={0} />
            <Tooltip formatter={(v) => [fixed(Number(v)), "mean |SHAP|"]} />
            <Bar dataKey="meanAbs" fill="#2f5fd0" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="small muted">
        Mean |SHAP| over {count(explanation.rows)} customers ({explanation.method}),{" "}
        {when(explanation.createdAt)}.
      </figcaption>
    </figure>
  );
}
