"use client";

import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { PageHead, StatusBadge } from "../../../../components/ui";
import { RunHeaderDocument } from "../../../../graphql/generated";
import { when } from "../../../../lib/format";
import { useQuery } from "../../../../lib/hooks";

const TABS = [
  { path: "", label: "Model" },
  { path: "/quality", label: "Embedding quality" },
  { path: "/map", label: "Map" },
  { path: "/personas", label: "Personas" },
  { path: "/lookalike", label: "Lookalike" },
  { path: "/tipping", label: "Tipping" },
  { path: "/drift", label: "Drift" },
];

/** A run's pages share its header and tabs. */
export default function RunLayout({ children }: { children: ReactNode }) {
  const { id } = useParams<{ id: string }>();
  const path = usePathname();
  const { data } = useQuery(RunHeaderDocument, { id });
  const run = data?.run;
  const base = `/runs/${id}`;
  return (
    <>
      <PageHead
        title={
          <>
            {run?.dataset.name ?? "Run"} <span className="muted small">run {id.slice(-8)}</span>
          </>
        }
        subtitle={
          run && (
            <>
              <StatusBadge status={run.status} /> {run.active && <span className="badge good">active</span>}{" "}
              {run.kind} · started {when(run.createdAt)} ·{" "}
              <Link href={`/datasets/${run.dataset.id}`}>dataset</Link>
            </>
          )
        }
      />
      <nav className="tabs">
        {TABS.map((tab) => (
          <Link
            key={tab.path}
            href={`${base}${tab.path}`}
            className={path === `${base}${tab.path}` ? "active" : ""}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
      {children}
    </>
  );
}
