import { isKindredError } from "@kindred/engine/errors";
import { type UserErrorShape, userError } from "../server/graphql-errors.ts";

export type Payload<T> =
  | ({ ok: true; error: null } & T)
  | ({ ok: false; error: UserErrorShape } & Partial<T>);

/**
 * Runs a use case for a mutation (or an input-heavy query) and returns its typed payload:
 * expected failures (KindredError) become `{ ok: false, error }` naming the field; anything else
 * is thrown and reported as an internal error.
 */
export async function payload<T extends object>(work: () => Promise<T>): Promise<Payload<T>> {
  try {
    return { ok: true, error: null, ...(await work()) };
  } catch (error) {
    if (isKindredError(error)) return { ok: false, error: userError(error) } as Payload<T>;
    throw error;
  }
}
