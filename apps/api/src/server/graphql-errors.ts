import { isKindredError, type KindredError } from "@kindred/engine/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { type Logger, logUnexpected } from "../log.ts";
import { AuthError } from "../services/auth.ts";

/** The typed error of a payload: code, message and where (row, column or field). */
export interface UserErrorShape {
  code: string;
  message: string;
  field: string | null;
  row: number | null;
  line: number | null;
  column: string | null;
}

export function userError(error: KindredError): UserErrorShape {
  const { row, line, column, field } = error.location;
  return {
    code: error.code,
    message: error.message,
    field: field ?? null,
    row: row ?? null,
    line: line ?? null,
    column: column ?? null,
  };
}

/** The HTTP status an expected failure maps to (unexpected ones stay 500). */
function statusOf(error: KindredError): number {
  if (error.code === "NOT_FOUND") return 404;
  if (error.code === "CONFLICT") return 409;
  if (error.code === "FILE_TOO_LARGE") return 413;
  return 400;
}

/**
 * Errors thrown (not returned in payloads) reach clients typed: `extensions.code` is the stable
 * code, with the field, row and column that the message names. Unexpected errors are masked for
 * the client and logged for the operator.
 */
export function formatErrorWith(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown) => formatError(log, formatted, error);
}

function formatError(log: Logger, formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof AuthError) {
    return { ...formatted, message: original.message, extensions: { code: original.code } };
  }
  if (isKindredError(original)) {
    const typed = userError(original);
    return { ...formatted, message: original.message, extensions: { ...typed } };
  }
  const code = formatted.extensions?.code;
  if (code === "INTERNAL_SERVER_ERROR" || code === undefined) {
    logUnexpected(log, "graphql.error", original, { path: formatted.path?.join(".") });
    return {
      message: "internal error",
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  }
  return formatted;
}

/** GraphQLError for an AuthError, carrying the HTTP status Apollo should answer with. */
export function authGraphQLError(error: AuthError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, http: { status: error.status } },
  });
}

/** GraphQLError for a KindredError thrown from a query, with its HTTP status. */
export function kindredGraphQLError(error: KindredError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { ...userError(error), http: { status: statusOf(error) } },
  });
}
