"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import {
  MapCanvas,
  type MapMeasure,
  type MapPoints,
  type MouseMode,
  type SelectShape,
} from "../../../../../components/map-canvas";
import { type Projection, useFeatureValues, useProjection } from "../../../../../components/map-data";
import {
  byFeature,
  byLabel,
  byPersona,
  byProbability,
  type ColorBy,
  type FeatureColumn,
  MapLegend,
} from "../../../../../components/map-encoding";
import { MapHoverCard } from "../../../../../components/map-hover-card";
import { MapSelection } from "../../../../../components/map-selection";
import { Card, Empty, ErrorNote, Loading } from "../../../../../components/ui";
import {
  MapRunDocument,
  type MapRunQuery,
  type ProjectionMethod,
  type VectorSpace,
} from "../../../../../graphql/generated";
import { count, percent } from "../../../../../lib/format";
import { useQuery } from "../../../../../lib/hooks";

type Run = NonNullable<MapRunQuery["run"]>;
type Analysis = NonNullable<Run["latestAnalysis"]>;

const METHODS: { method: ProjectionMethod; label: string }[] = [
  { method: "pca", label: "PCA" },
  { method: "tsne", label: "t-SNE" },
  { method: "umap", label: "UMAP" },
];
const SPACES: { space: VectorSpace; label: string; title: string }[] = [
  { space: "mlp", label: "Behaviour", title: "The network's embedding of each customer's attributes" },
  {
    space: "text",
    label: "Text",
    title: "The sentence-transformer's embedding of each customer rendered as text",
  },
];
const COLORABLE = new Set(["numeric", "categorical", "binary", "ordinal"]);

/** Both axes scaled alike (distances on the map stay comparable), centred, into [-1, 1]. */
function normalize(projection: Projection, receivedAt: number): MapPoints {
  const n = projection.x.length;
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = projection.x[i] ?? 0;
    const y = projection.y[i] ?? 0;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const half = Math.max(maxX - minX, maxY - minY) / 2 || 1;
  const scale = 0.95 / half;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = ((projection.x[i] ?? 0) - cx) * scale;
    y[i] = ((projection.y[i] ?? 0) - cy) * scale;
  }
  return { x, y, receivedAt };
}

function colorKey(colorBy: ColorBy): string {
  return colorBy.kind === "feature" ? `feature:${colorBy.name}` : colorBy.kind;
}

function parseColorKey(key: string): ColorBy {
  if (key.startsWith("feature:")) return { kind: "feature", name: key.slice("feature:".length) };
  return key === "label" || key === "probability" ? { kind: key } : { kind: "persona" };
}

/** How much of the embedding's variance the PCA map keeps: low means it flattens a lot. */
function PcaVariance({ analysis }: { analysis: Analysis }) {
  const [first, second] = analysis.pca.explainedVarianceRatio;
  const share = analysis.pca.firstTwo;
  const threshold = analysis.thresholds.pcaFirstTwo;
  return (
    <p className="small" style={{ margin: "8px 0 0" }}>
      <span className={`badge ${share > threshold ? "good" : "warn"}`}>{percent(share)} of the variance</span>{" "}
      in the first two components (PC1 {percent(first)}, PC2 {percent(second)}).{" "}
      <span className="muted">
        {share > threshold
          ? "Distances on this map are a fair picture of the embedding."
          : `Below ${percent(threshold, 0)}: the map flattens the embedding, UMAP or t-SNE show local groups better.`}
      </span>
    </p>
  );
}

/** Buttons for one choice among a few, shown as a pressed/unpressed group. */
function Choice<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { value: T; label: string; title?: string }[];
  value: T;
  onChange(value: T): void;
}) {
  return (
    <fieldset className="row" style={{ border: 0, padding: 0, margin: 0, gap: 4 }} aria-label={label}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          title={o.title}
          className={o.value === value ? "" : "secondary"}
          aria-pressed={o.value === value}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </fieldset>
  );
}

function Toolbar({
  spaces,
  space,
  onSpace,
  methods,
  method,
  onMethod,
  colorBy,
  onColorBy,
  features,
  mode,
  onMode,
  shape,
  onShape,
}: {
  spaces: VectorSpace[];
  space: VectorSpace;
  onSpace(space: VectorSpace): void;
  methods: ProjectionMethod[];
  method: ProjectionMethod;
  onMethod(method: ProjectionMethod): void;
  colorBy: ColorBy;
  onColorBy(colorBy: ColorBy): void;
  features: FeatureColumn[];
  mode: MouseMode;
  onMode(mode: MouseMode): void;
  shape: SelectShape;
  onShape(shape: SelectShape): void;
}) {
  return (
    <div className="row">
      {spaces.length > 1 && (
        <Choice
          label="Vector space"
          options={SPACES.filter((s) => spaces.includes(s.space)).map((s) => ({
            value: s.space,
            label: s.label,
            title: s.title,
          }))}
          value={space}
          onChange={onSpace}
        />
      )}
      <Choice
        label="Projection"
        options={METHODS.filter((m) => methods.includes(m.method)).map((m) => ({
          value: m.method,
          label: m.label,
        }))}
        value={method}
        onChange={onMethod}
      />
      <label className="row small muted" style={{ gap: 6 }}>
        Colour by
        <select value={colorKey(colorBy)} onChange={(e) => onColorBy(parseColorKey(e.target.value))}>
          <option value="persona">Persona</option>
          <option value="label">Label (converted)</option>
          <option value="probability">Probability</option>
          {features.length > 0 && (
            <optgroup label="Feature">
              {features.map((f) => (
                <option key={f.name} value={`feature:${f.name}`}>
                  {f.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <span className="spacer" />
      <button
        type="button"
        className={mode === "select" ? "" : "secondary"}
        aria-pressed={mode === "select"}
        title="Drag to select customers (shift-drag works in either mode)"
        onClick={() => onMode(mode === "select" ? "pan" : "select")}
      >
        Select
      </button>
      {mode === "select" && (
        <label className="row small muted" style={{ gap: 6 }}>
          Shape
          <select value={shape} onChange={(e) => onShape(e.target.value === "lasso" ? "lasso" : "box")}>
            <option value="box">Box</option>
            <option value="lasso">Lasso</option>
          </select>
        </label>
      )}
    </div>
  );
}

function MapView({ run, analysis }: { run: Run; analysis: Analysis }) {
  const spaces = SPACES.map((s) => s.space).filter((s) => analysis.projections.some((p) => p.space === s));
  const [chosenSpace, setChosenSpace] = useState<VectorSpace>("mlp");
  const space = spaces.includes(chosenSpace) ? chosenSpace : (spaces[0] ?? "mlp");
  const methods = analysis.projections.filter((p) => p.space === space).map((p) => p.method);
  const [chosen, setChosen] = useState<ProjectionMethod | null>(null);
  const method =
    chosen && methods.includes(chosen) ? chosen : methods.includes("pca") ? "pca" : (methods[0] ?? "pca");
  const key = useMemo(() => ({ method, space }), [method, space]);
  const [colorBy, setColorBy] = useState<ColorBy>({ kind: "persona" });
  const [mode, setMode] = useState<MouseMode>("pan");
  const [shape, setShape] = useState<SelectShape>("box");
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [measure, setMeasure] = useState<MapMeasure | null>(null);

  const { loaded, error } = useProjection(run.id, key);
  const current = loaded?.method === method && loaded.space === space ? loaded : null;
  const projection = current?.projection ?? null;

  const features: FeatureColumn[] = useMemo(
    () =>
      run.dataset.columns
        .filter((c) => c.role === "feature" && COLORABLE.has(c.kind))
        .map((c) => ({ name: c.name, kind: c.kind, levels: c.levels })),
    [run.dataset.columns],
  );
  const feature = colorBy.kind === "feature" ? features.find((f) => f.name === colorBy.name) : undefined;
  const featureValues = useFeatureValues(run.id, current ? key : null, feature?.name ?? null);

  const points = useMemo(
    () => (current?.projection ? normalize(current.projection, current.receivedAt) : null),
    [current],
  );
  const personaNames = useMemo(
    () => new Map(analysis.personas.map((p) => [p.segmentId, p.name])),
    [analysis.personas],
  );
  const encoding = useMemo(() => {
    if (!projection) return null;
    if (colorBy.kind === "label") return byLabel(projection);
    if (colorBy.kind === "probability") return byProbability(projection);
    if (feature && featureValues.values) return byFeature(feature, featureValues.values);
    return byPersona(projection, analysis.personas);
  }, [projection, colorBy, feature, featureValues.values, analysis.personas]);

  // The selection is kept as customer ids, so that it carries over to another projection.
  const selection = useMemo(() => {
    if (!projection || selectedIds.length === 0) return [];
    const index = new Map(projection.customerIds.map((cid, i) => [cid, i]));
    return selectedIds.map((cid) => index.get(cid)).filter((i): i is number => i !== undefined);
  }, [projection, selectedIds]);
  const onSelectionChange = useCallback(
    (indices: number[]) => {
      const ids = projection?.customerIds ?? [];
      setSelectedIds(indices.map((i) => ids[i]).filter((cid): cid is string => cid !== undefined));
    },
    [projection],
  );
  const renderCard = useCallback(
    (i: number) => {
      if (!projection) return null;
      const persona = projection.persona[i] ?? null;
      return (
        <MapHoverCard
          customerId={projection.customerIds[i] ?? "?"}
          label={projection.label[i] ?? null}
          probability={projection.probability[i] ?? null}
          persona={persona === null ? null : (personaNames.get(persona) ?? `segment ${persona}`)}
        />
      );
    },
    [projection, personaNames],
  );
  const selectedHere = selection.map((i) => projection?.customerIds[i]).filter((cid): cid is string => !!cid);
  const info = analysis.projections.find((p) => p.method === method && p.space === space);
  const methodLabel = `${METHODS.find((m) => m.method === method)?.label ?? method}${space === "text" ? " (text)" : ""}`;

  return (
    <>
      <Card>
        <Toolbar
          spaces={spaces}
          space={space}
          onSpace={setChosenSpace}
          methods={methods}
          method={method}
          onMethod={setChosen}
          colorBy={colorBy}
          onColorBy={setColorBy}
          features={features}
          mode={mode}
          onMode={setMode}
          shape={shape}
          onShape={setShape}
        />
        {method === "pca" && space === "mlp" && <PcaVariance analysis={analysis} />}
        {space === "text" && (
          <p className="small muted" style={{ margin: "8px 0 0" }}>
            Customers placed by what their attributes say as text, not by the network. Colours and selections
            are the same customers as on the behaviour map.
          </p>
        )}
      </Card>
      <div className="grid" style={{ gridTemplateColumns: "minmax(0, 1fr) 260px", alignItems: "start" }}>
        <Card>
          <ErrorNote error={error} />
          {current && !projection ? (
            <Empty title={`No ${methodLabel} map in this analysis`}>
              Choose another projection, or analyze the run again on the{" "}
              <Link href={`/runs/${run.id}/quality`}>Embedding quality</Link> tab.
            </Empty>
          ) : (
            <>
              <MapCanvas
                points={points}
                encoding={encoding}
                mode={mode}
                shape={shape}
                selection={selection}
                onSelectionChange={onSelectionChange}
                renderCard={renderCard}
                onFirstFrame={setMeasure}
                placeholder={
                  error ? null : (
                    <>
                      <strong>Loading the {methodLabel} map…</strong>
                      {info && `${count(info.count)} customers`}
                    </>
                  )
                }
                label={`${methodLabel} map of ${count(projection?.count ?? info?.count ?? 0)} customers`}
              />
              <div className="row small muted" style={{ marginTop: 8 }}>
                {projection && (
                  <span>
                    {methodLabel} of {count(projection.count)} customers
                    {projection.count < run.dataset.rowCount
                      ? ` (a sample of ${count(run.dataset.rowCount)})`
                      : ""}
                    . Drag to pan, scroll to zoom, double-click empty space to clear the selection.
                  </span>
                )}
                <span className="spacer" />
                {measure && current && (
                  <span data-testid="map-timing">
                    drawn {count(measure.points)} points in {count(measure.dataToFirstFrameMs)} ms
                  </span>
                )}
              </div>
            </>
          )}
        </Card>
        <div>
          <Card title="Colours">
            {featureValues.loading && feature ? <p className="small muted">Loading {feature.name}…</p> : null}
            <ErrorNote error={feature ? featureValues.error : null} />
            {encoding ? <MapLegend legend={encoding.legend} /> : <Loading />}
          </Card>
          <Card title="Selection">
            <MapSelection runId={run.id} customerIds={selectedHere} onClear={() => setSelectedIds([])} />
          </Card>
        </div>
      </div>
    </>
  );
}

export default function MapPage() {
  const { id } = useParams<{ id: string }>();
  const { data, loading, error } = useQuery(MapRunDocument, { id });
  const run = data?.run;
  if (loading && !data) return <Loading />;
  if (!run) return <ErrorNote error={error ?? { message: `no run "${id}"` }} />;
  const analysis = run.latestAnalysis;
  if (!analysis || analysis.projections.length === 0) {
    return (
      <Card title="Embedding map">
        <Empty title="No map yet">
          Analyze the run on the <Link href={`/runs/${id}/quality`}>Embedding quality</Link> tab: it computes
          the PCA, t-SNE and UMAP maps and the personas shown here.
        </Empty>
      </Card>
    );
  }
  return <MapView run={run} analysis={analysis} />;
}
