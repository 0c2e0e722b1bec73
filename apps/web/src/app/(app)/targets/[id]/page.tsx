"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { TargetDelete } from "../../../../components/target-delete";
import { TargetExport } from "../../../../components/target-export";
import { TargetMembers } from "../../../../components/target-members";
import { TargetParams } from "../../../../components/target-params";
import { Card, ErrorNote, Loading, PageHead } from "../../../../components/ui";
import { TargetsDetailDocument } from "../../../../graphql/generated";
import { count, when } from "../../../../lib/format";
import { useQuery } from "../../../../lib/hooks";
import { useSession } from "../../../../lib/session";

/** One list: how it was made, its members page by page, and (analysts) export and delete. */
export default function TargetListPage() {
  const { id } = useParams<{ id: string }>();
  const { data, loading, error } = useQuery(TargetsDetailDocument, { id });
  // Export and delete are analyst controls: viewers see the list and its members only.
  const analyst = useSession()?.can("analyst") ?? false;
  const list = data?.targetList;
  if (loading && !data) return <Loading />;
  if (!list) return <ErrorNote error={error ?? { message: `no target list "${id}"` }} />;
  const dataset = list.run.dataset;
  const personaNames = new Map((list.run.latestAnalysis?.personas ?? []).map((p) => [p.segmentId, p.name]));
  return (
    <>
      <PageHead
        title={list.name}
        subtitle={
          <>
            <Link href="/targets">Target lists</Link> · {count(list.rowCount)} customers of{" "}
            <Link href={`/datasets/${dataset.id}`}>{dataset.name}</Link> (
            <Link href={`/runs/${list.run.id}`}>run {list.run.id.slice(-8)}</Link>) · created{" "}
            {when(list.createdAt)}
            {list.createdBy ? ` by ${list.createdBy.email}` : ""}
          </>
        }
        actions={analyst && <TargetDelete id={list.id} name={list.name} rowCount={list.rowCount} />}
      />
      <div className={analyst ? "grid two" : "grid"} style={{ alignItems: "start" }}>
        <Card title="How it was made">
          <TargetParams source={list.source} params={list.params} personaNames={personaNames} />
        </Card>
        {analyst && (
          <Card title="Export">
            <TargetExport
              exportPath={list.exportPath}
              datasetColumns={dataset.columns.map((c) => c.name)}
              rowCount={list.rowCount}
            />
          </Card>
        )}
      </div>
      <Card title="Members">
        <TargetMembers listId={list.id} ranked={list.source === "lookalike"} />
      </Card>
    </>
  );
}
