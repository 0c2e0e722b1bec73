"use client";

import { useState } from "react";
import type { LookalikeSearchQuery } from "../graphql/generated";
import { count, fixed, percent } from "../lib/format";
import { Pager } from "./target-pager";
import { Empty, Stat } from "./ui";

export type LookalikeResult = NonNullable<LookalikeSearchQuery["lookalike"]["result"]>;
type Evaluation = NonNullable<LookalikeResult["evaluation"]>;

const PAGE = 50;

/**
 * The held-out check: a fifth of the seeds were hidden and searched for with the rest; how many
 * came back in the audience, against what a random pick of the same size would find.
 */
export function LookalikeEvaluation({ evaluation, seeds }: { evaluation: Evaluation | null; seeds: number }) {
  if (!evaluation) {
    return (
      <p className="muted small">
        No held-out evaluation: {count(seeds)} seed{seeds === 1 ? " is" : "s are"} too few to hide some of
        them.
      </p>
    );
  }
  const { hiddenSeeds, k, recallAtK, lift } = evaluation;
  const tone = lift >= 3 ? "good" : lift >= 1.5 ? "warn" : "bad";
  return (
    <div>
      <div className="grid three">
        <Stat label={`recall@${count(k)}`} value={percent(recallAtK)} />
        <Stat
          label="lift over random"
          value={<span className={`badge ${tone}`} style={{ fontSize: 18 }}>{`${fixed(lift, 1)}×`}</span>}
        />
        <Stat label="hidden seeds" value={count(hiddenSeeds)} />
      </div>
      <p className="small muted">
        We hid {count(hiddenSeeds)} of the {count(seeds)} seeds and searched with the rest:{" "}
        {percent(recallAtK)} of the hidden seeds came back among the top {count(k)} (recall@{count(k)}),{" "}
        {fixed(lift, 1)} times what a random pick of {count(k)} customers would find (lift). Above 1 the
        embedding finds real lookalikes; the higher, the better the seeds are described.
        {hiddenSeeds < 10 &&
          ` With only ${count(hiddenSeeds)} hidden seed${hiddenSeeds === 1 ? "" : "s"}, this is a rough estimate.`}
      </p>
    </div>
  );
}

function LabelBadge({ label }: { label: number | null }) {
  if (label === null) return <span className="muted">–</span>;
  return label === 1 ? (
    <span className="badge good">converted</span>
  ) : (
    <span className="muted">not converted</span>
  );
}

/** The ranked audience, 50 rows a page (the whole result is already here). */
export function LookalikeTable({
  results,
  personaNames,
  showScore,
}: {
  results: LookalikeResult["results"];
  personaNames: Map<number, string>;
  showScore: boolean;
}) {
  const [offset, setOffset] = useState(0);
  if (results.length === 0) {
    return (
      <Empty title="No customer matched">
        Widen the candidates (probability range, splits), lower the similarity threshold or remove exclusions.
      </Empty>
    );
  }
  const page = results.slice(offset, offset + PAGE);
  return (
    <>
      <table aria-label="Lookalike results">
        <thead>
          <tr>
            <th className="num">Rank</th>
            <th>Customer id</th>
            <th className="num">Similarity</th>
            <th className="num">Probability</th>
            {showScore && <th className="num">Score</th>}
            <th>Persona</th>
            <th>Label</th>
          </tr>
        </thead>
        <tbody>
          {page.map((hit) => (
            <tr key={hit.customerId}>
              <td className="num">{hit.rank}</td>
              <td>{hit.customerId}</td>
              <td className="num">{fixed(hit.similarity)}</td>
              <td className="num">{fixed(hit.probability)}</td>
              {showScore && <td className="num">{fixed(hit.score)}</td>}
              <td>
                {hit.persona === null ? (
                  <span className="muted">–</span>
                ) : (
                  (personaNames.get(hit.persona) ?? `segment ${hit.persona}`)
                )}
              </td>
              <td>
                <LabelBadge label={hit.label} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={offset} limit={PAGE} total={results.length} onChange={setOffset} />
    </>
  );
}
