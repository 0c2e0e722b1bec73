"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, request, type TypedDocument } from "./graphql";

export interface QueryState<R> {
  data: R | null;
  error: ApiError | null;
  loading: boolean;
  refetch(): Promise<void>;
}

/**
 * Runs a query when its variables change (skipped while `skip`), and every `pollMs` when given
 * (progress of running jobs); keeps the last data while refetching.
 */
export function useQuery<R, V>(
  document: TypedDocument<R, V>,
  variables: V,
  options: { skip?: boolean; pollMs?: number } = {},
): QueryState<R> {
  const [data, setData] = useState<R | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(!options.skip);
  const key = JSON.stringify(variables);
  const latest = useRef(0);

  const run = useCallback(async () => {
    if (options.skip) return;
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const result = await request(document, JSON.parse(key) as V);
      if (ticket === latest.current) {
        setData(result);
        setError(null);
      }
    } catch (e) {
      if (ticket === latest.current)
        setError(e instanceof ApiError ? e : new ApiError(String(e), "ERROR", 0));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [document, key, options.skip]);

  useEffect(() => {
    void run();
  }, [run]);

  useEffect(() => {
    if (!options.pollMs || options.skip) return;
    const timer = setInterval(() => void run(), options.pollMs);
    return () => clearInterval(timer);
  }, [run, options.pollMs, options.skip]);

  return { data, error, loading, refetch: run };
}

/** A mutation (or an on-demand query): `run` resolves to the result, errors are kept in state. */
export function useAction<R, V>(document: TypedDocument<R, V>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (variables: V): Promise<R | null> => {
      setPending(true);
      setError(null);
      try {
        return await request(document, variables);
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError(String(e), "ERROR", 0));
        return null;
      } finally {
        setPending(false);
      }
    },
    [document],
  );
  return { run, pending, error };
}
