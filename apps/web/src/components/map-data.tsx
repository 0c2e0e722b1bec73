"use client";

import { useEffect, useRef, useState } from "react";
import {
  MapProjectionDocument,
  MapProjectionFeatureDocument,
  type MapProjectionQuery,
  type ProjectionMethod,
  type VectorSpace,
} from "../graphql/generated";
import { ApiError, request } from "../lib/graphql";

export type Projection = NonNullable<
  NonNullable<NonNullable<MapProjectionQuery["run"]>["latestAnalysis"]>["projection"]
>;

/** Which map: a projection method over one vector space. */
export interface MapKey {
  method: ProjectionMethod;
  space: VectorSpace;
}

export interface LoadedProjection extends MapKey {
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
export function useProjection(runId: string, key: MapKey | null) {
  const [loaded, setLoaded] = useState<LoadedProjection | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);

  const method = key?.method ?? null;
  const space = key?.space ?? null;
  useEffect(() => {
    if (!method || !space) return;
    let cancelled = false;
    setLoading(true);
    setError(null);
    request(MapProjectionDocument, { id: runId, method, space })
      .then((result) => {
        const receivedAt = performance.now();
        if (cancelled) return;
        setLoaded({ method, space, projection: result.run?.latestAnalysis?.projection ?? null, receivedAt });
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
  }, [runId, method, space]);

  return { loaded, error, loading };
}

/**
 * One dataset column's raw value for every point of a map, in point order (the API reads it in
 * one query), for colouring by a feature. Kept per run, map and column while the page is open.
 */
export function useFeatureValues(runId: string, key: MapKey | null, name: string | null) {
  const cache = useRef(new Map<string, (string | null)[]>());
  const [values, setValues] = useState<(string | null)[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const method = key?.method ?? null;
  const space = key?.space ?? null;
  useEffect(() => {
    if (!method || !space || !name) {
      setValues(null);
      return;
    }
    const cacheKey = `${runId}|${space}|${method}|${name}`;
    const known = cache.current.get(cacheKey);
    if (known) {
      setValues(known);
      return;
    }
    let cancelled = false;
    setLoading(true);
    setError(null);
    setValues(null);
    request(MapProjectionFeatureDocument, { id: runId, method, space, name })
      .then((result) => {
        const loaded = result.run?.latestAnalysis?.projection?.feature ?? null;
        if (cancelled || !loaded) return;
        cache.current.set(cacheKey, loaded);
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
  }, [runId, method, space, name]);

  return { values, loading, error };
}
