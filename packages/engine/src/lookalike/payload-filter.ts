import { KindredError } from "../errors/index.ts";
import { PAYLOAD_FIELDS, type PayloadField, type PayloadFilter, type PointPayload } from "./vector-index.ts";

const NUMERIC: ReadonlySet<PayloadField> = new Set(["label", "probability", "persona"]);

/** A payload filter as a predicate; unknown fields and ranges on text fields are refused up front. */
export function compileFilter(
  filter: PayloadFilter | undefined,
): (id: number, payload: PointPayload) => boolean {
  if (!filter) return () => true;
  const excluded = new Set(filter.excludeIds ?? []);
  const tests: ((payload: PointPayload) => boolean)[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (key === "excludeIds" || condition === undefined) continue;
    if (!(PAYLOAD_FIELDS as readonly string[]).includes(key)) {
      throw new KindredError(
        "UNKNOWN_COLUMN",
        `cannot filter on "${key}": the fields are ${PAYLOAD_FIELDS.join(", ")}`,
        { field: key },
      );
    }
    const field = key as PayloadField;
    if (Array.isArray(condition)) {
      const allowed = new Set<unknown>(condition);
      tests.push((p) => allowed.has(p[field]));
    } else if (condition !== null && typeof condition === "object") {
      if (!NUMERIC.has(field)) {
        throw new KindredError("INVALID_CONFIG", `a range needs a numeric field; "${field}" is text`, {
          field,
        });
      }
      const { gte = Number.NEGATIVE_INFINITY, lte = Number.POSITIVE_INFINITY } = condition;
      tests.push((p) => {
        const v = p[field] as number | null;
        return v !== null && v >= gte && v <= lte;
      });
    } else {
      tests.push((p) => p[field] === condition);
    }
  }
  return (id, payload) => !excluded.has(id) && tests.every((test) => test(payload));
}
