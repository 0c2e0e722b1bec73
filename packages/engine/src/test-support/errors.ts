/** The KindredError a call throws, for tests that check its code and location. */
import { isKindredError, type KindredError } from "../errors/index.ts";

export function failure(run: () => unknown): KindredError {
  try {
    run();
  } catch (error) {
    if (isKindredError(error)) return error;
    throw error;
  }
  throw new Error("expected a KindredError");
}
