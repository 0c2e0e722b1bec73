"use client";

import { Bar, BarChart, ResponsiveContainer, Tooltip } from "recharts";

/** A column's distribution in a few pixels: numeric bins, or the most frequent values. */
export function MiniHistogram({
  histogram,
  topValues,
}: {
  histogram?: number[] | null;
  topValues?: { value: string; count: number }[] | null;
}) {
  const data = histogram
    ? histogram.map((count, i) => ({ label: `bin ${i + 1}`, count }))
    : (topValues ?? []).slice(0, 12).map((t) => ({ label: t.value, count: t.count }));
  if (data.length === 0) return null;
  return (
    <div style={{ width: 140, height: 34 }}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 1, right: 0, bottom: 1, left: 0 }}>
          <Tooltip
            cursor={false}
            wrapperStyle={{ fontSize: 11 }}
            formatter={(value) => [String(value), "rows"]}
            labelFormatter={(_, payload) => String(payload?.[0]?.payload?.label ?? "")}
          />
          <Bar dataKey="count" fill="#7d9be8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
