"use client";

import type { ReactNode } from "react";
import type { TippingInput, TippingRunQuery, VectorSpace } from "../graphql/generated";
import { ErrorNote } from "./ui";

/** One of the run's input features, as the form offers it. */
export interface TippingFeature {
  name: string;
  kind: string;
  levels: string[] | null;
  min: number | null;
  max: number | null;
}

/** What the analyst chose; numbers stay text while typed (the API validates them and names the field). */
export interface TippingSettings {
  features: string[];
  locked: string[];
  threshold: string;
  limit: string;
  pairs: boolean;
  /** Where List A's nearest non-buyers are found. */
  space: VectorSpace;
}

export type FormError = { message: string; field?: string | null } | null;

export const DEFAULT_SETTINGS: TippingSettings = {
  features: [],
  locked: [],
  threshold: "0.5",
  limit: "10",
  pairs: false,
  space: "mlp",
};

/**
 * The run's input features: the dataset's feature columns, narrowed to the ones the run trained on
 * (its config lists them; columns dropped for this run only are not features of its model).
 */
export function runFeatures(run: NonNullable<TippingRunQuery["run"]>): TippingFeature[] {
  const config = run.config as { features?: unknown } | null;
  const trained = Array.isArray(config?.features)
    ? new Set(config.features.filter((f): f is string => typeof f === "string"))
    : null;
  return run.dataset.columns
    .filter((c) => c.role === "feature" && (!trained || trained.has(c.name)))
    .map((c) => ({ name: c.name, kind: c.kind, levels: c.levels, min: c.stats.min, max: c.stats.max }));
}

export function tippingInput(runId: string, settings: TippingSettings): TippingInput {
  const threshold = Number.parseFloat(settings.threshold);
  const limit = Number.parseInt(settings.limit, 10);
  return {
    runId,
    features: settings.features,
    locked: settings.locked,
    // Left empty: the API's default. Out of range: the API's error names the field.
    threshold: Number.isFinite(threshold) ? threshold : null,
    limit: Number.isFinite(limit) ? limit : null,
    pairs: settings.pairs,
    space: settings.space,
  };
}

function range(feature: TippingFeature): string {
  if (feature.levels && feature.levels.length > 0) {
    return feature.levels.length <= 5 ? feature.levels.join(" · ") : `${feature.levels.length} levels`;
  }
  if (feature.min !== null && feature.max !== null) return `${feature.min}–${feature.max}`;
  return feature.kind;
}

function toggle(list: string[], name: string, on: boolean): string[] {
  return on ? [...list.filter((n) => n !== name), name] : list.filter((n) => n !== name);
}

/** The API's error shown beside the control it names (`field`), so the analyst sees what to fix. */
function FieldError({ error, field }: { error: FormError; field: string }) {
  return error?.field === field ? <ErrorNote error={{ message: error.message }} /> : null;
}

function FeatureChecklist({
  legend,
  hint,
  features,
  checked,
  onChange,
  children,
}: {
  legend: string;
  hint: string;
  features: TippingFeature[];
  checked: string[];
  onChange(next: string[]): void;
  children?: ReactNode;
}) {
  return (
    <fieldset style={{ border: "1px solid var(--line)", borderRadius: 6, padding: "8px 12px", margin: 0 }}>
      <legend style={{ fontWeight: 600, padding: "0 4px" }}>{legend}</legend>
      <p className="small muted" style={{ margin: "0 0 6px" }}>
        {hint}
      </p>
      <div className="grid" style={{ gap: 4 }}>
        {features.map((f) => (
          // The range sits outside the label: the checkbox's accessible name is the feature's name.
          <div key={f.name} className="row" style={{ gap: 6 }}>
            <label className="row" style={{ gap: 6 }}>
              <input
                type="checkbox"
                checked={checked.includes(f.name)}
                onChange={(e) => onChange(toggle(checked, f.name, e.target.checked))}
              />
              {f.name}
            </label>
            <span className="small muted">{range(f)}</span>
          </div>
        ))}
      </div>
      {children}
    </fieldset>
  );
}

/**
 * The tipping search: actionable and locked features, threshold, list size, pairs; "Compare lists"
 * runs List A against List B, "Potential list" shows the non-buyers already at the threshold.
 */
export function TippingForm({
  features,
  settings,
  onChange,
  onCompare,
  onPotential,
  textModel,
  pending,
  error,
}: {
  features: TippingFeature[];
  /** The run's sentence-transformer, when it has a text space (List A may be found there). */
  textModel: string | null;
  settings: TippingSettings;
  onChange(next: TippingSettings): void;
  onCompare(): void;
  onPotential(): void;
  pending: boolean;
  error: FormError;
}) {
  const placed = ["features", "locked", "threshold", "limit", "space"];
  const none = settings.features.length === 0;
  return (
    <form
      aria-label="Tipping search"
      aria-busy={pending}
      // The API validates every field and names it; the browser's own checks would hide that.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onCompare();
      }}
    >
      <div className="grid three" style={{ alignItems: "start" }}>
        <FeatureChecklist
          legend="Actionable features"
          hint="What a campaign can change (an offer, a product): searched for a tipping value."
          features={features}
          checked={settings.features}
          onChange={(next) => onChange({ ...settings, features: next })}
        >
          <FieldError error={error} field="features" />
        </FeatureChecklist>
        <FeatureChecklist
          legend="Locked (immutable)"
          hint="What no campaign changes (age, history): never actionable."
          features={features}
          checked={settings.locked}
          onChange={(next) => onChange({ ...settings, locked: next })}
        >
          <FieldError error={error} field="locked" />
        </FeatureChecklist>
        <div className="grid" style={{ gap: 12 }}>
          <label className="field">
            Threshold (probability that counts as a buyer)
            <input
              type="number"
              min={0}
              max={1}
              step={0.05}
              value={settings.threshold}
              onChange={(e) => onChange({ ...settings, threshold: e.target.value })}
            />
          </label>
          <FieldError error={error} field="threshold" />
          <label className="field">
            List size (customers per list)
            <input
              type="number"
              min={1}
              max={500}
              step={1}
              value={settings.limit}
              onChange={(e) => onChange({ ...settings, limit: e.target.value })}
            />
          </label>
          <FieldError error={error} field="limit" />
          {textModel && (
            <>
              <label className="field">
                List A neighbours from
                <select
                  value={settings.space}
                  onChange={(e) =>
                    onChange({ ...settings, space: e.target.value === "text" ? "text" : "mlp" })
                  }
                >
                  <option value="mlp">Behaviour fingerprints (MLP)</option>
                  <option value="text">Customers as text ({textModel.split("/").pop()})</option>
                </select>
              </label>
              <FieldError error={error} field="space" />
            </>
          )}
          <div>
            <label className="row" style={{ gap: 6 }}>
              <input
                type="checkbox"
                checked={settings.pairs}
                onChange={(e) => onChange({ ...settings, pairs: e.target.checked })}
              />
              Try pairs of features
            </label>
            <span className="small muted">Two features together, for customers no single feature tips.</span>
          </div>
          <div className="row">
            <button type="submit" disabled={pending || none}>
              {pending ? "Searching…" : "Compare lists"}
            </button>
            <button type="button" className="secondary" disabled={pending || none} onClick={onPotential}>
              Potential list
            </button>
          </div>
          {none && (
            <p className="small muted" style={{ margin: 0 }}>
              Choose at least one actionable feature.
            </p>
          )}
          {pending && (
            <p className="small muted" role="status" style={{ margin: 0 }}>
              Re-scoring each candidate with changed values; this takes a few seconds.
            </p>
          )}
          {error && !placed.includes(error.field ?? "") && <ErrorNote error={error} />}
        </div>
      </div>
    </form>
  );
}
