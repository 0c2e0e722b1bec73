import type { ReactNode } from "react";
import type { ApiError } from "../lib/graphql";

export function Card({
  title,
  actions,
  children,
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="card">
      {(title || actions) && (
        <div className="row" style={{ marginBottom: 10 }}>
          {title && <h2 style={{ margin: 0 }}>{title}</h2>}
          <span className="spacer" />
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

export function PageHead({
  title,
  subtitle,
  actions,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="row">{actions}</div>}
    </div>
  );
}

export function ProgressBar({ value, label }: { value: number; label?: string }) {
  const share = Math.max(0, Math.min(1, value));
  return (
    <div role="progressbar" aria-valuenow={Math.round(share * 100)} aria-valuemin={0} aria-valuemax={100}>
      <div className="progress">
        <div style={{ width: `${share * 100}%` }} />
      </div>
      {label && (
        <div className="small muted" style={{ marginTop: 4 }}>
          {label}
        </div>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <strong>{title}</strong>
      {children}
    </div>
  );
}

export function ErrorNote({
  error,
}: {
  error: ApiError | { message: string; field?: string | null } | null | undefined;
}) {
  if (!error) return null;
  const field = "field" in error && error.field ? ` (${error.field})` : "";
  return (
    <div className="error" role="alert">
      {error.message}
      {field}
    </div>
  );
}

export function Loading() {
  return <p className="muted">Loading…</p>;
}

export function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <div className="stat">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const tone =
    status === "succeeded" || status === "stable" || status === "tipped"
      ? "good"
      : status === "failed" || status === "retrain"
        ? "bad"
        : status === "running" || status === "queued" || status === "watch"
          ? "warn"
          : "";
  return <span className={`badge ${tone}`}>{status}</span>;
}
