"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { PersonaCard, type PersonaFields } from "../../../../../components/persona-card";
import { PersonaComparison, parseComparison } from "../../../../../components/persona-comparison";
import { Card, Empty, ErrorNote, Loading } from "../../../../../components/ui";
import { AnalysisPersonasDocument } from "../../../../../graphql/generated";
import { count, percent } from "../../../../../lib/format";
import { useQuery } from "../../../../../lib/hooks";
import { useSession } from "../../../../../lib/session";

/** Everyone's conversion: the k-means personas split the whole population, so weigh theirs by size. */
function populationRate(personas: PersonaFields[]): number | null {
  let size = 0;
  let converted = 0;
  for (const p of personas) {
    if (p.conversionRate === null) continue;
    size += p.size;
    converted += p.conversionRate * p.size;
  }
  return size > 0 ? converted / size : null;
}

function PersonaList({
  personas,
  population,
  columns,
  onSaved,
}: {
  personas: PersonaFields[];
  population: number | null;
  columns: 1 | 2;
  onSaved: () => void;
}) {
  return (
    <div
      className={columns === 2 ? "grid two" : "grid"}
      style={{ gap: 0, columnGap: 16, alignItems: "start" }}
    >
      {personas.map((p) => (
        <PersonaCard key={p.id} persona={p} populationRate={population} onSaved={onSaved} />
      ))}
    </div>
  );
}

export default function PersonasPage() {
  const { id } = useParams<{ id: string }>();
  const session = useSession();
  const { data, loading, error, refetch } = useQuery(AnalysisPersonasDocument, { id });
  if (loading && !data) return <Loading />;
  if (!data?.run) return <ErrorNote error={error ?? { message: `no run "${id}"` }} />;
  const analysis = data.run.latestAnalysis;
  const quality = <Link href={`/runs/${id}/quality`}>Embedding quality</Link>;

  if (!analysis) {
    return (
      <Card title="Personas">
        <ErrorNote error={error} />
        <Empty title="No personas yet">
          {session?.can("analyst") ? (
            <>Analyze the run on the {quality} tab: its K sweep groups the customers into personas.</>
          ) : (
            <>Personas appear once an analyst analyzes the run on the {quality} tab.</>
          )}
        </Empty>
      </Card>
    );
  }

  const kmeans = [...analysis.kmeans].sort((a, b) => b.size - a.size);
  // Rule-based personas keep their rule order: the first rule that holds wins.
  const rules = [...analysis.rules].sort((a, b) => a.segmentId - b.segmentId);
  const population = populationRate(kmeans);
  const comparison = parseComparison(analysis.businessComparison);
  const onSaved = () => void refetch();

  return (
    <>
      <ErrorNote error={error} />
      <p className="muted" style={{ marginTop: 0 }}>
        {kmeans.length} personas at K = {analysis.chosenK}
        {analysis.chosenK === analysis.recommendedK
          ? " (the recommended K)"
          : ` (the recommended K is ${analysis.recommendedK})`}
        , largest first · {count(kmeans.reduce((n, p) => n + p.size, 0))} customers, {percent(population)}{" "}
        converted overall ·{" "}
        {session?.can("analyst") ? (
          <>choose another K on the {quality} tab.</>
        ) : (
          <>see {quality} for how they were found.</>
        )}
      </p>
      {kmeans.length === 0 ? (
        <Card title="Personas">
          <Empty title={`No personas for K = ${analysis.chosenK}`}>Choose a K on the {quality} tab.</Empty>
        </Card>
      ) : rules.length === 0 ? (
        <PersonaList personas={kmeans} population={population} columns={2} onSaved={onSaved} />
      ) : (
        <div className="grid two" style={{ alignItems: "start" }}>
          <section aria-label="k-means personas">
            <h2>k-means personas (K = {analysis.chosenK})</h2>
            <PersonaList personas={kmeans} population={population} columns={1} onSaved={onSaved} />
          </section>
          <section aria-label="Rule-based personas">
            <h2>Rule-based personas ({rules.length})</h2>
            <p className="small muted" style={{ marginTop: -6 }}>
              From the business segmentation given with the analysis, in rule order: a customer belongs to the
              first persona whose rule holds.
            </p>
            <PersonaList personas={rules} population={population} columns={1} onSaved={onSaved} />
          </section>
        </div>
      )}
      {comparison && <PersonaComparison comparison={comparison} k={analysis.recommendedK} />}
    </>
  );
}
