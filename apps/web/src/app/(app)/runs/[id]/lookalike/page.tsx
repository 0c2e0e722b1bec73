"use client";

import Link from "next/link";
import { useParams, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useState } from "react";
import {
  type FieldProblem,
  LookalikeForm,
  type LookalikeRun,
} from "../../../../../components/lookalike-form";
import {
  LookalikeEvaluation,
  type LookalikeResult,
  LookalikeTable,
} from "../../../../../components/lookalike-results";
import { LookalikeSave } from "../../../../../components/lookalike-save";
import { Card, Empty, ErrorNote, Loading } from "../../../../../components/ui";
import {
  type LookalikeInput,
  LookalikeRunDocument,
  LookalikeSearchDocument,
} from "../../../../../graphql/generated";
import { count } from "../../../../../lib/format";
import { useAction, useQuery } from "../../../../../lib/hooks";
import { loadSelection } from "../../../../../lib/selection";
import { useSession } from "../../../../../lib/session";

/** A search as shown: the input that produced it (saving re-runs exactly this) and its result. */
interface Shown {
  serial: number;
  input: LookalikeInput;
  result: LookalikeResult;
}

/** What viewers see instead of the form: the search is an analyst tool, its lists are not. */
function ForAnalysts() {
  return (
    <Card title="Lookalike search is for analysts">
      <p>
        Analysts pick seed customers (the converted ones, a persona, or a group lassoed on the map) and find
        the prospects whose behaviour fingerprint is closest to them, then save the audience as a target list.
      </p>
      <p className="muted" style={{ marginBottom: 0 }}>
        You can browse the saved audiences and their members under <Link href="/targets">Target lists</Link>.
      </p>
    </Card>
  );
}

function suggestedName(input: LookalikeInput, run: LookalikeRun): string {
  const filter = input.seeds.filter;
  const persona = filter?.personas?.[0];
  const seeds =
    filter?.labels !== undefined && filter.labels !== null
      ? "converted customers"
      : persona !== undefined
        ? (run.latestAnalysis?.personas.find((p) => p.segmentId === persona)?.name ?? `persona ${persona}`)
        : `${count(input.seeds.customerIds?.length ?? 0)} customers`;
  return `Lookalikes of ${seeds}`;
}

function Results({ shown, run, onSaved }: { shown: Shown; run: LookalikeRun; onSaved(): void }) {
  const { input, result } = shown;
  const personaNames = new Map((run.latestAnalysis?.personas ?? []).map((p) => [p.segmentId, p.name]));
  return (
    <>
      <Card title="How well do the seeds find each other?">
        <LookalikeEvaluation evaluation={result.evaluation} seeds={result.seeds} />
      </Card>
      {result.results.length > 0 && (
        <Card title="Save as a target list">
          <LookalikeSave
            key={shown.serial}
            input={input}
            suggestedName={suggestedName(input, run)}
            onSaved={onSaved}
          />
        </Card>
      )}
      <Card
        title={`Audience: ${count(result.results.length)} customers`}
        actions={<span className="muted small">from {count(result.seeds)} seeds</span>}
      >
        {result.missingSeeds.length > 0 && (
          <p className="error">
            {count(result.missingSeeds.length)} seed id{result.missingSeeds.length === 1 ? " is" : "s are"}{" "}
            not in this run's dataset and {result.missingSeeds.length === 1 ? "was" : "were"} left out:{" "}
            {result.missingSeeds.slice(0, 10).join(", ")}
            {result.missingSeeds.length > 10 ? ", …" : ""}
          </p>
        )}
        <LookalikeTable
          key={shown.serial}
          results={result.results}
          personaNames={personaNames}
          showScore={(input.blend ?? 0) > 0}
        />
      </Card>
    </>
  );
}

function LookalikeSearch({ runId }: { runId: string }) {
  const params = useSearchParams();
  const { data, loading, error, refetch } = useQuery(LookalikeRunDocument, { id: runId });
  const search = useAction(LookalikeSearchDocument);
  const evaluate = useAction(LookalikeSearchDocument);
  const busy = search.pending || evaluate.pending;
  // The map selection lives in this tab's sessionStorage: read after mounting, never on the server.
  const [selection, setSelection] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const fromMap = params.get("seeds") === "selection";

  useEffect(() => {
    setSelection(fromMap ? loadSelection(runId) : []);
  }, [fromMap, runId]);

  async function find(input: LookalikeInput) {
    setProblem(null);
    const answer = await search.run({ input });
    const payload = answer?.lookalike;
    if (payload?.ok && payload.result) {
      const result = await withAudienceEvaluation(input, payload.result);
      setShown((previous) => ({ serial: (previous?.serial ?? 0) + 1, input, result }));
    } else if (payload?.error) setProblem(payload.error);
  }

  /**
   * The API evaluates at `limit`; with a similarity threshold that is the 5,000 cap, not the
   * audience. Asking again for the top N (N = the audience found) evaluates the audience itself.
   */
  async function withAudienceEvaluation(
    input: LookalikeInput,
    result: LookalikeResult,
  ): Promise<LookalikeResult> {
    const size = result.results.length;
    if (input.minSimilarity === undefined || input.minSimilarity === null || size === 0) return result;
    if (size >= (input.limit ?? 0)) return result;
    const { minSimilarity: _, ...rest } = input;
    const again = await evaluate.run({ input: { ...rest, limit: size } });
    return { ...result, evaluation: again?.lookalike.result?.evaluation ?? result.evaluation };
  }

  const run = data?.run;
  if ((loading && !data) || selection === null) return <Loading />;
  if (!run) return <ErrorNote error={error ?? { message: `no run "${runId}"` }} />;
  if (run.status !== "succeeded") {
    return (
      <Card>
        <Empty title="This run has not finished training">
          Lookalike search needs every customer's fingerprint: come back once the run has succeeded (
          <Link href={`/runs/${run.id}`}>Model</Link> shows its progress).
        </Empty>
      </Card>
    );
  }
  return (
    <>
      <Card title="Find lookalikes">
        {fromMap && selection.length === 0 && (
          <p className="muted small">
            No map selection was found in this browser tab: lasso customers on the{" "}
            <Link href={`/runs/${run.id}/map`}>Map</Link>, or choose seeds below.
          </p>
        )}
        <LookalikeForm
          run={run}
          selection={selection}
          pending={busy}
          problem={problem ?? search.error}
          onProblem={setProblem}
          onSearch={(input) => void find(input)}
        />
      </Card>
      {shown ? (
        <div aria-busy={busy} style={{ opacity: busy ? 0.6 : 1 }}>
          <Results shown={shown} run={run} onSaved={() => void refetch()} />
        </div>
      ) : (
        <Card>
          <Empty title="No search yet">
            Choose the seeds and who may be returned above, then press “Find lookalikes”. The audience, how
            well the search recovers hidden seeds, and saving it as a target list appear here.
          </Empty>
        </Card>
      )}
    </>
  );
}

export default function LookalikePage() {
  const { id } = useParams<{ id: string }>();
  const session = useSession();
  if (!session) return <Loading />;
  if (!session.can("analyst")) return <ForAnalysts />;
  return (
    <Suspense fallback={<Loading />}>
      <LookalikeSearch runId={id} />
    </Suspense>
  );
}
