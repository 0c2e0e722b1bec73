"use client";

import { useEffect, useRef, useState } from "react";
import {
  MapProjectionDocument,
  MapProjectionFeatureDocument,
  type MapProjectionQuery,
  type ProjectionMethod,
} from "../graphql/generated";
import { ApiError, request } from "../lib/graphql";

export type Projection = NonNullable<
  NonNullable<NonNullable<MapProjectionQuery["run"]>["latestAnalysis"]>["projection"]
>;

export interface LoadedProjection {
  method: ProjectionMethod;
  projection: Projection | null;
  /** performance.now() once the answer was parsed: where the data-to-first-frame measure starts. */
  receivedAt: number;
}

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(String(e), "ERROR", 0);
}

/**
 * One projection of the run's latest analysis. Fetched here rather than with useQuery so that the
 * moment its answer is parsed can be recorded (the map reports how long the first frame took).
 */
export function useProjection(runId: string, method: ProjectionMethod | null) {
  const [loaded, setLoaded] = useState<LoadedProjection | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!method) return;
    let cancelled = false;
    setLoading(true);
    setError(null);
    request(MapProjectionDocument, { id: runId, method })
      .then((result) => {
        const receivedAt = performance.now();
        if (cancelled) return;
        setLoaded({ method, projection: result.run?.latestAnalysis?.projection ?? null, receivedAt });
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(asApiError(e));
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [runId, method]);

  return { loaded, error, loading };
}

/**
 * One dataset column's raw value for every point of a map, in point order (the API reads it in
 * one query), for colouring by a feature. Kept per run, method and column while the page is open.
 */
export function useFeatureValues(runId: string, method: ProjectionMethod | null, name: string | null) {
  const cache = useRef(new Map<string, (string | null)[]>());
  const [values, setValues] = useState<(string | null)[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!method || !name) {
      setValues(null);
      return;
    }
    const key = `${runId}|${method}|${name}`;
    const known = cache.current.get(key);
    if (known) {
      setValues(known);
      return;
    }
    let cancelled = false;
    setLoading(true);
    setError(null);
    setValues(null);
    request(MapProjectionFeatureDocument, { id: runId, method, name })
      .then((result) => {
        const loaded = result.run?.latestAnalysis?.projection?.feature ?? null;
        if (cancelled || !loaded) return;
        cache.current.set(key, loaded);
        setValues(loaded);
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(asApiError(e));
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [runId, method, name]);

  return { values, loading, error };
}
