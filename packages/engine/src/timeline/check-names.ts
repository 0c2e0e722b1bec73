import { KindredError } from "../errors/index.ts";

/**
 * Segments are matched across snapshots by name, so a name used twice in one snapshot would
 * be ambiguous. Returns name → index.
 */
export function indexNames(names: readonly string[], field: string): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (index.has(name)) {
      throw new KindredError(
        "INVALID_CONFIG",
        `${field} lists the segment "${name}" twice (entries ${(index.get(name) as number) + 1} and ${i + 1}); segments are matched by name`,
        { field },
      );
    }
    index.set(name, i);
  }
  return index;
}
