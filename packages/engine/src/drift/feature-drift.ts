import { KindredError } from "../errors/index.ts";
import { categoricalPsi } from "./categorical-psi.ts";
import { createPsi } from "./psi.ts";
import type { PsiStatus } from "./types.ts";

export type FeatureColumn =
  | { name: string; kind: "numeric"; values: (number | null)[] }
  | { name: string; kind: "categorical"; values: (string | null)[] };

export interface FeatureDrift {
  name: string;
  kind: "numeric" | "categorical";
  psi: number;
  status: PsiStatus;
}

/** PSI per input feature (quantile bins for numbers, levels for categories). */
export function featureDrift(baseline: FeatureColumn[], current: FeatureColumn[]): FeatureDrift[] {
  const byName = new Map(current.map((c) => [c.name, c]));
  return baseline.map((b) => {
    const c = byName.get(b.name);
    if (!c) {
      throw new KindredError("UNKNOWN_COLUMN", `the current set has no feature "${b.name}"`, {
        column: b.name,
      });
    }
    if (b.kind === "numeric" && c.kind === "numeric") {
      if (b.values.every((v) => v === null)) {
        return { name: b.name, kind: b.kind, psi: 0, status: "stable" as const };
      }
      const result = createPsi().fit(b.values).evaluate(c.values);
      return { name: b.name, kind: b.kind, psi: result.psi, status: result.status };
    }
    const result = categoricalPsi(b.values.map(toLevel), c.values.map(toLevel));
    return { name: b.name, kind: "categorical" as const, psi: result.psi, status: result.status };
  });
}

function toLevel(v: string | number | null): string | null {
  return v === null ? null : String(v);
}
