import { readFile } from "node:fs/promises";
import { KindredError } from "@kindred/engine/errors";
import type { PayloadFilter } from "@kindred/engine/lookalike";

/**
 * Filters on the command line: conditions joined by commas, e.g. `label=0`,
 * `split=oot1|oot2,probability>=0.2`. Values that read as numbers are numbers.
 */
export function parseFilterArg(text: string, flag: string): PayloadFilter {
  const filter: Record<string, unknown> = {};
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]+)\s*(>=|<=|=)\s*(.+)$/.exec(part);
    if (!match) {
      throw new KindredError(
        "INVALID_CONFIG",
        `--${flag}: "${part}" is not field=value, field>=number or field<=number`,
        {
          field: flag,
        },
      );
    }
    const [, field, op, raw] = match as unknown as [string, string, string, string];
    if (op === "=") {
      const values = raw.split("|").map(parseFilterValue);
      filter[field] = values.length === 1 ? values[0] : values;
    } else {
      const bound = Number(raw);
      if (!Number.isFinite(bound)) {
        throw new KindredError("INVALID_CONFIG", `--${flag}: "${raw}" is not a number`, { field: flag });
      }
      const range = (filter[field] as { gte?: number; lte?: number } | undefined) ?? {};
      filter[field] = op === ">=" ? { ...range, gte: bound } : { ...range, lte: bound };
    }
  }
  return filter as PayloadFilter;
}

function parseFilterValue(raw: string): string | number | null {
  if (raw === "null") return null;
  const n = Number(raw);
  return raw.trim() !== "" && Number.isFinite(n) ? n : raw;
}

/** Customer ids from a CSV file: its `customer_id` column, else its first column (header first). */
export async function readIdsFile(path: string, flag: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new KindredError("NOT_FOUND", `--${flag}: cannot read "${path}"`, { field: flag });
  }
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().replace(/^"|"$/g, ""));
  const column = Math.max(0, header.indexOf("customer_id"));
  return lines.slice(1).map((line) => (line.split(",")[column] ?? "").trim().replace(/^"|"$/g, ""));
}
