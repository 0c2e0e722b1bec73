"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";
import type createScatterplot from "regl-scatterplot";
import type { Encoding } from "./map-encoding";

type Scatterplot = ReturnType<typeof createScatterplot>;
type Settings = Parameters<Scatterplot["set"]>[0];
type Renderer = ReturnType<typeof import("regl-scatterplot").createRenderer>;

/** What the browser tests read: points drawn and the time from data to first frame. */
export interface MapMeasure {
  points: number;
  dataToFirstFrameMs: number;
}

declare global {
  interface Window {
    __kindredMap?: MapMeasure;
  }
}

/** Positions normalized to [-1, 1] (what regl-scatterplot draws) and when their data arrived. */
export interface MapPoints {
  x: Float32Array;
  y: Float32Array;
  receivedAt: number;
}

export type MouseMode = "pan" | "select";
export type SelectShape = "box" | "lasso";

interface Props {
  /** Null while the data loads: the scatterplot starts meanwhile, so the first frame follows the data at once. */
  points: MapPoints | null;
  encoding: Pick<Encoding, "values" | "palette" | "order"> | null;
  mode: MouseMode;
  shape: SelectShape;
  /** Selected point indices (controlled). */
  selection: number[];
  onSelectionChange(indices: number[]): void;
  /** The hover card's content for a point. */
  renderCard(index: number): ReactNode;
  onFirstFrame?(measure: MapMeasure): void;
  /** Shown over the empty canvas while there are no points (loading, or no such map). */
  placeholder?: ReactNode;
  height?: number;
  label: string;
}

const pointSizeFor = (n: number) => (n > 20000 ? 2 : n > 5000 ? 3 : 4);

function sameSet(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((i) => set.has(i));
}

/**
 * The WebGL scatterplot (regl-scatterplot, loaded in the browser only): draws tens of thousands
 * of points, pans and zooms, lassoes, and places a card by the hovered (or single selected) point.
 */
export function MapCanvas({
  points,
  encoding,
  mode,
  shape,
  selection,
  onSelectionChange,
  renderCard,
  onFirstFrame,
  placeholder,
  height = 560,
  label,
}: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [plot, setPlot] = useState<Scatterplot | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [hover, setHover] = useState<{ index: number; at: [number, number] } | null>(null);
  const [pinAt, setPinAt] = useState<[number, number] | null>(null);
  const [firstFrameMs, setFirstFrameMs] = useState<number | null>(null);
  // Latest values for the scatterplot's event handlers, which are subscribed once.
  const latest = useRef({ selection, onSelectionChange, onFirstFrame });
  latest.current = { selection, onSelectionChange, onFirstFrame };
  // draw() refuses to start while another draw runs: every draw waits for the one before.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const drawn = useRef<MapPoints | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let instance: Scatterplot | null = null;
    let renderer: Renderer | null = null;
    let observer: ResizeObserver | null = null;
    let gone = false;
    import("regl-scatterplot")
      .then(({ default: create, createRenderer }) => {
        if (gone) return;
        // By default the WebGL canvas behind the plot is as large as the window; sized to the map,
        // every frame renders fewer pixels (it matters on software WebGL, as in CI).
        const ownRenderer = createRenderer();
        renderer = ownRenderer;
        const fit = () => {
          const { width, height: tall } = canvas.getBoundingClientRect();
          ownRenderer.resize(Math.max(1, Math.ceil(width)), Math.max(1, Math.ceil(tall)));
          ownRenderer.refresh();
        };
        fit();
        observer = new ResizeObserver(fit);
        observer.observe(canvas);
        instance = create({
          renderer: ownRenderer,
          canvas,
          width: "auto",
          height: "auto",
          backgroundColor: "#ffffff",
          pointColorHover: "#1b2330",
          pointColorActive: "#1b2330",
          opacityInactiveScale: 0.4,
          lassoColor: "#2f5fd0",
          lassoMinDelay: 10,
          lassoMinDist: 2,
          lassoInitiator: false,
          deselectOnDblClick: true,
          deselectOnEscape: true,
        });
        if (!instance.isSupported) {
          setFailure("This browser lacks the WebGL features the map needs (float textures).");
        }
        const plotRef = instance;
        instance.subscribe("select", ({ points: picked }) => latest.current.onSelectionChange([...picked]));
        instance.subscribe("deselect", () => latest.current.onSelectionChange([]));
        instance.subscribe("pointOver", (index) => {
          const at = plotRef.getScreenPosition(index);
          if (at) setHover({ index, at });
        });
        instance.subscribe("pointOut", () => setHover(null));
        instance.subscribe("view", () => {
          const [only] = latest.current.selection;
          if (latest.current.selection.length === 1 && only !== undefined)
            setPinAt(plotRef.getScreenPosition(only) ?? null);
        });
        // Compile the point shaders while the data is still on its way (one point, off screen).
        queue.current = instance
          .draw({ x: [9], y: [9], valueA: [0] }, { zDataType: "categorical" })
          .catch(() => undefined);
        setPlot(instance);
      })
      .catch((e: unknown) => {
        if (!gone) setFailure(`The map could not start WebGL: ${e instanceof Error ? e.message : String(e)}`);
      });
    return () => {
      gone = true;
      observer?.disconnect();
      instance?.destroy();
      renderer?.destroy();
      delete window.__kindredMap;
    };
  }, []);

  // Draw new points (measured: data received → first frame), or only recolour the drawn ones.
  useEffect(() => {
    if (!plot || !points || !encoding) return;
    const fresh = drawn.current !== points;
    drawn.current = points;
    // A hovered index belongs to the points drawn before.
    if (fresh) setHover(null);
    const { values, palette, order } = encoding;
    queue.current = queue.current
      .then(async () => {
        if (plot.get("isDestroyed")) return;
        const n = points.x.length;
        await plot.set({ pointColor: palette, colorBy: "valueA", pointSize: pointSizeFor(n) });
        const current = latest.current.selection;
        const data = { x: points.x, y: points.y, valueA: values };
        if (fresh) {
          // Subscribed just before draw(): only microtasks run until its points are in place, so the
          // first frame rendered after this call is the first one showing them.
          plot.subscribe(
            "drawing",
            () => {
              const measure = {
                points: n,
                dataToFirstFrameMs: Math.round(performance.now() - points.receivedAt),
              };
              window.__kindredMap = measure;
              setFirstFrameMs(measure.dataToFirstFrameMs);
              latest.current.onFirstFrame?.(measure);
            },
            1,
          );
          await plot.draw(data, { zDataType: "categorical", ...(current.length ? { select: current } : {}) });
        } else {
          await plot.draw(data, {
            zDataType: "categorical",
            spatialIndex: plot.get("spatialIndex"),
            preventFilterReset: true,
            ...(current.length ? { select: current } : {}),
          });
        }
        await plot.set({ pointOrder: order });
      })
      .catch((e: unknown) => {
        if (!plot.get("isDestroyed"))
          setFailure(`The map could not draw: ${e instanceof Error ? e.message : String(e)}`);
      });
  }, [plot, points, encoding]);

  useEffect(() => {
    if (!plot) return;
    // lassoType is a setting of regl-scatterplot 1.16 that its type declarations lack.
    const settings = {
      mouseMode: mode === "select" ? "lasso" : "panZoom",
      lassoType: shape === "box" ? "rectangle" : "freeform",
    };
    void plot.set(settings as Settings);
  }, [plot, mode, shape]);

  // Follow a selection made outside the map (cleared, or carried over from another projection).
  useEffect(() => {
    if (!plot) return;
    void queue.current.then(() => {
      if (plot.get("isDestroyed") || sameSet(plot.get("selectedPoints"), selection)) return;
      if (selection.length) plot.select(selection, { preventEvent: true });
      else plot.deselect({ preventEvent: true });
    });
    const [only] = selection;
    setPinAt(selection.length === 1 && only !== undefined ? (plot.getScreenPosition(only) ?? null) : null);
  }, [plot, selection]);

  const pinned = selection.length === 1 ? selection[0] : undefined;
  const card = hover ?? (pinned !== undefined && pinAt ? { index: pinned, at: pinAt } : null);

  return (
    <div
      className="map-canvas"
      data-first-frame-ms={firstFrameMs ?? undefined}
      data-points={points?.x.length ?? 0}
      aria-busy={points ? undefined : true}
      style={{
        position: "relative",
        height,
        border: "1px solid var(--line)",
        borderRadius: 6,
        overflow: "hidden",
        cursor: mode === "select" ? "crosshair" : "grab",
      }}
    >
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={label}
        style={{ display: "block", width: "100%", height: "100%" }}
      />
      {!points && placeholder && (
        <div
          className="empty"
          style={{
            position: "absolute",
            inset: 0,
            display: "grid",
            placeContent: "center",
            background: "rgba(255, 255, 255, 0.85)",
          }}
        >
          {placeholder}
        </div>
      )}
      {plot && points && (
        <button
          type="button"
          className="secondary small"
          style={{ position: "absolute", top: 8, right: 8, padding: "3px 8px", cursor: "pointer" }}
          onClick={() => void plot.reset()}
        >
          Reset view
        </button>
      )}
      {failure && (
        <div className="error" role="alert" style={{ position: "absolute", inset: "auto 12px 12px 12px" }}>
          {failure}
        </div>
      )}
      {card && (
        <CardAt
          at={card.at}
          bounds={{
            width: canvasRef.current?.clientWidth ?? 0,
            height: canvasRef.current?.clientHeight ?? height,
          }}
        >
          {renderCard(card.index)}
        </CardAt>
      )}
    </div>
  );
}

/** A card beside a point, flipped to stay inside the map near its right and bottom edges. */
function CardAt({
  at,
  bounds,
  children,
}: {
  at: [number, number];
  bounds: { width: number; height: number };
  children: ReactNode;
}) {
  const [x, y] = at;
  const gap = 14;
  const horizontal = x + gap + 240 > bounds.width ? { right: bounds.width - x + gap } : { left: x + gap };
  const vertical = y + gap + 130 > bounds.height ? { bottom: bounds.height - y + gap } : { top: y + gap };
  return (
    <div
      role="tooltip"
      style={{
        position: "absolute",
        ...horizontal,
        ...vertical,
        pointerEvents: "none",
        background: "var(--panel)",
        border: "1px solid var(--line)",
        borderRadius: 6,
        boxShadow: "var(--shadow)",
        padding: "8px 10px",
        minWidth: 180,
        maxWidth: 240,
        zIndex: 2,
      }}
    >
      {children}
    </div>
  );
}
