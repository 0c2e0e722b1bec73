"use client";

import Link from "next/link";
import { useState } from "react";
import { Pager } from "../../../components/target-pager";
import { Card, Empty, ErrorNote, Loading, PageHead } from "../../../components/ui";
import { TargetsIndexDocument } from "../../../graphql/generated";
import { count, when } from "../../../lib/format";
import { useQuery } from "../../../lib/hooks";
import { useSession } from "../../../lib/session";

const PAGE = 50;

/** Every target list: where it comes from, how big, who made it; analysts export from here. */
export default function TargetListsPage() {
  const [offset, setOffset] = useState(0);
  const { data, loading, error } = useQuery(TargetsIndexDocument, { page: { limit: PAGE, offset } });
  const session = useSession();
  // Exports are for analysts (the API refuses viewers too): viewers never see the column.
  const exporter = session?.can("analyst") ?? false;
  const lists = data?.targetLists.items ?? [];
  return (
    <>
      <PageHead
        title="Target lists"
        subtitle="Campaign audiences saved from lookalike searches, personas or customer ids, ready to export."
      />
      <Card title="Lists">
        <ErrorNote error={error} />
        {loading && !data ? (
          <Loading />
        ) : lists.length === 0 ? (
          <Empty title="No target list yet">
            An analyst opens a run's <strong style={{ display: "inline" }}>Lookalike</strong> tab, finds
            lookalikes and saves them as a target list. <Link href="/runs">Go to the runs</Link>.
          </Empty>
        ) : (
          <>
            <table aria-label="Target lists">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Dataset / run</th>
                  <th>Source</th>
                  <th className="num">Rows</th>
                  <th>Created by</th>
                  <th>Created</th>
                  {exporter && <th>Export</th>}
                </tr>
              </thead>
              <tbody>
                {lists.map((list) => (
                  <tr key={list.id}>
                    <td>
                      <Link href={`/targets/${list.id}`}>{list.name}</Link>
                    </td>
                    <td>
                      <Link href={`/datasets/${list.run.dataset.id}`}>{list.run.dataset.name}</Link>{" "}
                      <Link href={`/runs/${list.run.id}`} className="small">
                        run {list.run.id.slice(-8)}
                      </Link>
                    </td>
                    <td>
                      <span className="badge">{list.source}</span>
                    </td>
                    <td className="num">{count(list.rowCount)}</td>
                    <td>{list.createdBy?.email ?? <span className="muted">–</span>}</td>
                    <td>{when(list.createdAt)}</td>
                    {exporter && (
                      <td style={{ whiteSpace: "nowrap" }}>
                        <a href={list.exportPath} download title={`Download ${list.name} as CSV`}>
                          Export CSV
                        </a>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager
              offset={offset}
              limit={PAGE}
              total={data?.targetLists.page.total ?? 0}
              onChange={setOffset}
            />
          </>
        )}
      </Card>
    </>
  );
}
