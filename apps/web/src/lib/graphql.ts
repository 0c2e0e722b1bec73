/**
 * The dashboard's only way to the data: typed GraphQL operations (generated from
 * src/graphql/*.graphql) posted to /graphql on this origin, which forwards to the API.
 */

import type { DocumentTypeDecoration } from "@graphql-typed-document-node/core";

/** A generated operation: its text, typed by its result and variables. */
export type TypedDocument<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & {
  toString(): string;
};

/** An error the API reported: its stable code (never matched by message text) and the field. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface Reply<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

async function parse<T>(response: Response): Promise<T> {
  let body: Reply<T>;
  try {
    body = (await response.json()) as Reply<T>;
  } catch {
    throw new ApiError(`the server answered ${response.status}`, "HTTP_ERROR", response.status);
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? "ERROR";
    if (
      response.status === 401 &&
      typeof window !== "undefined" &&
      !window.location.pathname.startsWith("/login")
    ) {
      window.location.assign(
        `/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`,
      );
    }
    throw new ApiError(first.message, code, response.status, first.extensions?.field ?? null);
  }
  if (!body.data) throw new ApiError("empty answer", "HTTP_ERROR", response.status);
  return body.data;
}

export async function request<R, V>(document: TypedDocument<R, V>, variables?: V): Promise<R> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
  });
  return parse<R>(response);
}

/** A multipart request (the GraphQL multipart request spec): `files` fill these variables. */
export async function upload<R, V, K extends keyof V & string>(
  document: TypedDocument<R, V>,
  variables: Omit<V, K>,
  files: Record<K, File>,
): Promise<R> {
  const form = new FormData();
  const withNulls: Record<string, unknown> = { ...(variables as object) };
  const map: Record<string, string[]> = {};
  (Object.keys(files) as K[]).forEach((name, i) => {
    withNulls[name] = null;
    map[String(i)] = [`variables.${name}`];
  });
  form.append("operations", JSON.stringify({ query: document.toString(), variables: withNulls }));
  form.append("map", JSON.stringify(map));
  (Object.values(files) as File[]).forEach((file, i) => {
    form.append(String(i), file, file.name);
  });
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "apollo-require-preflight": "true" },
    credentials: "same-origin",
    body: form,
  });
  return parse<R>(response);
}
