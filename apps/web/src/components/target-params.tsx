import Link from "next/link";
import type { ReactNode } from "react";
import type { TargetSource } from "../graphql/generated";
import { count, fixed } from "../lib/format";

/**
 * How a list was made, read back from its stored parameters. They are JSON written by the API
 * (the lookalike input in the engine's terms), so every field is checked before it is shown.
 */
type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const numbers = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((v): v is number => typeof v === "number") : [];
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
const num = (value: unknown): number | null => (typeof value === "number" ? value : null);

const STRATEGY_NAMES: Record<string, string> = {
  centroid: "centroid (closest to the seeds' average)",
  best: "best match (closest to any seed)",
  sum: "mean similarity over the seeds",
  "per-seed": "per seed (each seed's nearest, merged)",
  per_seed: "per seed (each seed's nearest, merged)",
};

/** A customer filter ({ label, persona, probability, split, customerId }) in words. */
function describeFilter(filter: unknown, personaNames: Map<number, string>): string {
  if (!isRecord(filter)) return "everyone";
  const parts: string[] = [];
  const labels = numbers(filter.label);
  if (labels.length === 1) parts.push(labels[0] === 1 ? "converted customers" : "not converted");
  for (const p of numbers(filter.persona)) parts.push(`persona “${personaNames.get(p) ?? p}”`);
  const probability = filter.probability;
  if (isRecord(probability)) {
    const low = num(probability.gte);
    const high = num(probability.lte);
    parts.push(`probability ${low !== null ? fixed(low, 2) : "0"}–${high !== null ? fixed(high, 2) : "1"}`);
  }
  const splits = strings(filter.split);
  if (splits.length > 0) parts.push(`splits ${splits.join(", ")}`);
  const ids = strings(filter.customerId);
  if (ids.length > 0) parts.push(`${count(ids.length)} listed customers`);
  return parts.length > 0 ? parts.join(" · ") : "everyone";
}

function lookalikeRows(params: Json, personaNames: Map<number, string>): [string, ReactNode][] {
  const input = isRecord(params.lookalike) ? params.lookalike : {};
  const seeds = isRecord(input.seeds) ? input.seeds : {};
  const seedIds = strings(seeds.customerIds);
  const seedParts = [
    ...(seeds.filter ? [describeFilter(seeds.filter, personaNames)] : []),
    ...(seedIds.length > 0 ? [`${count(seedIds.length)} pasted or selected customer ids`] : []),
  ];
  const found = num(params.seeds);
  const exclude = strings(input.exclude);
  const lists = strings(input.excludeLists);
  const limit = num(input.limit);
  const minSimilarity = num(input.minSimilarity);
  const blend = num(input.blend);
  const perSeed = num(input.perSeed);
  const strategy = typeof input.strategy === "string" ? input.strategy : "centroid";
  return [
    ["Seeds", `${seedParts.join(" + ") || "–"}${found !== null ? ` (${count(found)} found)` : ""}`],
    ["Candidates", describeFilter(input.candidates, personaNames)],
    [
      "Exclusions",
      exclude.length === 0 && lists.length === 0 ? (
        "none"
      ) : (
        <>
          {exclude.length > 0 && `${count(exclude.length)} pasted ids`}
          {exclude.length > 0 && lists.length > 0 && " · "}
          {lists.length > 0 && "customers of "}
          {lists.map((id, i) => (
            <span key={id}>
              {i > 0 && ", "}
              <Link href={`/targets/${id}`}>list {id.slice(-8)}</Link>
            </span>
          ))}
        </>
      ),
    ],
    ["Strategy", `${STRATEGY_NAMES[strategy] ?? strategy}${perSeed !== null ? `, ${perSeed} per seed` : ""}`],
    [
      "Audience size",
      `${limit !== null ? `top ${count(limit)}` : "top 100"}${
        minSimilarity !== null ? `, similarity at least ${fixed(minSimilarity, 2)}` : ""
      }`,
    ],
    ["Probability weight", blend !== null && blend > 0 ? fixed(blend, 2) : "0 (similarity alone)"],
  ];
}

export function TargetParams({
  source,
  params,
  personaNames,
}: {
  source: TargetSource;
  params: unknown;
  personaNames: Map<number, string>;
}) {
  const json = isRecord(params) ? params : {};
  const rows: [string, ReactNode][] =
    source === "lookalike"
      ? lookalikeRows(json, personaNames)
      : source === "persona"
        ? [["Persona", typeof json.persona === "string" ? json.persona : "–"]]
        : [["Customer ids", `${count(num(json.customerIds))} given`]];
  return (
    <>
      <table className="small">
        <tbody>
          <tr>
            <th style={{ width: 150 }}>Source</th>
            <td>
              <span className="badge">{source}</span>
            </td>
          </tr>
          {rows.map(([name, value]) => (
            <tr key={name}>
              <th>{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="small" style={{ marginTop: 8 }}>
        <summary className="muted">Stored parameters (JSON)</summary>
        <pre style={{ whiteSpace: "pre-wrap", margin: "6px 0 0" }}>{JSON.stringify(params, null, 2)}</pre>
      </details>
    </>
  );
}
