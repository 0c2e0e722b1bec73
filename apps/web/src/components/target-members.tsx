"use client";

import { useState } from "react";
import { TargetsMembersDocument } from "../graphql/generated";
import { fixed } from "../lib/format";
import { useQuery } from "../lib/hooks";
import { Pager } from "./target-pager";
import { Empty, ErrorNote, Loading } from "./ui";

const PAGE = 50;

/** A list's members in rank order, a page at a time from the API (lists can be large). */
export function TargetMembers({ listId, ranked }: { listId: string; ranked: boolean }) {
  const [offset, setOffset] = useState(0);
  const { data, loading, error } = useQuery(TargetsMembersDocument, {
    id: listId,
    page: { limit: PAGE, offset },
  });
  const members = data?.targetList?.members;
  if (loading && !data) return <Loading />;
  if (!members) return <ErrorNote error={error ?? { message: "the list has no members to show" }} />;
  if (members.page.total === 0) return <Empty title="This list is empty" />;
  return (
    <div aria-busy={loading}>
      <ErrorNote error={error} />
      <table aria-label="Members">
        <thead>
          <tr>
            <th className="num">Rank</th>
            <th>Customer id</th>
            {ranked && <th className="num">Similarity</th>}
            <th className="num">Probability</th>
            {ranked && <th className="num">Score</th>}
            <th>Label</th>
          </tr>
        </thead>
        <tbody>
          {members.items.map((m) => (
            <tr key={m.rank}>
              <td className="num">{m.rank}</td>
              <td>{m.customerId}</td>
              {ranked && <td className="num">{fixed(m.similarity)}</td>}
              <td className="num">{fixed(m.probability)}</td>
              {ranked && <td className="num">{fixed(m.score)}</td>}
              <td>
                {m.label === null ? (
                  <span className="muted">–</span>
                ) : m.label === 1 ? (
                  <span className="badge good">converted</span>
                ) : (
                  <span className="muted">not converted</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={members.page.offset} limit={PAGE} total={members.page.total} onChange={setOffset} />
    </div>
  );
}
