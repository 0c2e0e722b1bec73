"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { fixed, when } from "../lib/format";
import { PSI_COLORS, psiBands, psiTicks, psiTop } from "./drift-psi-chart";
import { reportName } from "./drift-report-select";

interface Report {
  id: string;
  against: string;
  source: string | null;
  maxPsi: number;
  status: string;
  createdAt: string;
}

/** Max PSI of each report over time (oldest first): is the population drifting further with each batch? */
export function DriftHistory({ reports, selectedId }: { reports: Report[]; selectedId: string | null }) {
  const data = [...reports]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((r, i) => ({
      key: `${i + 1}. ${r.against === "batch" ? "batch" : r.against.toUpperCase()}`,
      name: reportName(r),
      at: when(r.createdAt),
      maxPsi: r.maxPsi,
      status: r.status,
      selected: r.id === selectedId,
    }));
  const top = psiTop(data.map((d) => d.maxPsi));
  return (
    <figure style={{ margin: 0 }} aria-label="Max PSI per report over time">
      <div style={{ height: 240 }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 10, right: 40, bottom: 20, left: 10 }}>
            <CartesianGrid stroke="#eef0f4" vertical={false} />
            {psiBands("y", top)}
            <XAxis
              dataKey="key"
              interval={0}
              tick={{ fontSize: 11 }}
              label={{ value: "report, oldest first", position: "insideBottom", offset: -12 }}
            />
            <YAxis
              type="number"
              domain={[0, top]}
              ticks={psiTicks(top)}
              tickFormatter={(v: number) => fixed(v, 2)}
            />
            <Tooltip
              formatter={(v) => [fixed(Number(v)), "max PSI"]}
              labelFormatter={(_, payload) => {
                const p = payload?.[0]?.payload as (typeof data)[number] | undefined;
                return p ? `${p.name} · ${p.at}` : "";
              }}
            />
            <Line
              dataKey="maxPsi"
              stroke="#5d6b7e"
              isAnimationActive={false}
              dot={(props: { cx?: number; cy?: number; index?: number }) => {
                const d = data[props.index ?? 0];
                return (
                  <circle
                    key={`dot-${props.index}`}
                    cx={props.cx}
                    cy={props.cy}
                    r={d?.selected ? 7 : 5}
                    fill={PSI_COLORS[d?.status ?? "stable"]}
                    stroke={d?.selected ? "#1b2330" : "#fff"}
                    strokeWidth={2}
                  />
                );
              }}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="small muted">
        Points coloured by status; the outlined one is the report shown above.
      </figcaption>
    </figure>
  );
}
