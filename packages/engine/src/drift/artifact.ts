import { KindredError } from "../errors/index.ts";

/** Helpers that read stored drift artifacts; anything unexpected → ARTIFACT_MISMATCH naming the field. */

export const ARTIFACT_VERSION = 1;

export function mismatch(field: string, message: string): KindredError {
  return new KindredError("ARTIFACT_MISMATCH", `${field} ${message}`, { field });
}

export function readRecord(json: unknown, field: string, kind: string): Record<string, unknown> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw mismatch(field, `must be an object, got ${json === null ? "null" : typeof json}`);
  }
  const record = json as Record<string, unknown>;
  if (record.kind !== kind) throw mismatch(`${field}.kind`, `must be "${kind}", got ${String(record.kind)}`);
  if (record.version !== ARTIFACT_VERSION) {
    throw mismatch(`${field}.version`, `must be ${ARTIFACT_VERSION}, got ${String(record.version)}`);
  }
  return record;
}

export function readString(value: unknown, field: string): string {
  if (typeof value !== "string") throw mismatch(field, "must be a string");
  return value;
}

export function readBoolean(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") throw mismatch(field, "must be true or false");
  return value;
}

export function readNumbers(value: unknown, field: string, length?: number): number[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
    throw mismatch(field, "must be an array of finite numbers");
  }
  if (length !== undefined && value.length !== length) {
    throw mismatch(field, `must have ${length} entries, got ${value.length}`);
  }
  return value as number[];
}

/** Bin counts: non-negative integers, `length` of them, with a positive total. */
export function readCounts(value: unknown, field: string, length: number): number[] {
  const counts = readNumbers(value, field, length);
  if (counts.some((n) => !Number.isInteger(n) || n < 0))
    throw mismatch(field, "must be non-negative integers");
  if (!counts.some((n) => n > 0)) throw mismatch(field, "must not be all zero");
  return counts;
}

export function readArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw mismatch(field, "must be an array");
  return value;
}
