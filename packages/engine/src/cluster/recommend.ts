/** Below this best silhouette the note warns that the clusters are weakly separated. */
export const SILHOUETTE_THRESHOLD = 0.15;

export interface Recommendation {
  elbowK: number | null;
  silhouetteK: number;
  recommendedK: number;
  agreement: "agree" | "disagree";
  note: string;
}

/**
 * Rule: the elbow (kneedle on inertia) and the best silhouette AGREE when they are equal or one K
 * apart — the elbow of a sampled curve is only located to ±1. The recommendation is then the
 * silhouette's K (of two adjacent candidates, the better separated). Otherwise (or with no elbow)
 * they DISAGREE: the silhouette's K is still recommended, since it measures separation directly,
 * and the note names both so the analyst can compare them.
 */
export function recommendK(
  ks: readonly number[],
  silhouettes: readonly number[],
  elbowK: number | null,
): Recommendation {
  let best = 0;
  for (let i = 1; i < ks.length; i++)
    if ((silhouettes[i] as number) > (silhouettes[best] as number)) best = i;
  const silhouetteK = ks[best] as number;
  const bestScore = (silhouettes[best] as number).toFixed(3);
  const agree = elbowK !== null && Math.abs(elbowK - silhouetteK) <= 1;
  let note: string;
  if (elbowK === null) {
    note = `No elbow in the inertia curve; recommending the best silhouette, K = ${silhouetteK} (${bestScore}).`;
  } else if (elbowK === silhouetteK) {
    note = `The elbow and the best silhouette (${bestScore}) agree on K = ${silhouetteK}.`;
  } else if (agree) {
    note = `The elbow (K = ${elbowK}) and the best silhouette (K = ${silhouetteK}, ${bestScore}) are one apart; recommending K = ${silhouetteK}, the better separated.`;
  } else {
    note = `The elbow (K = ${elbowK}) and the best silhouette (K = ${silhouetteK}, ${bestScore}) disagree; recommending the silhouette's K = ${silhouetteK} — compare both before naming personas.`;
  }
  if ((silhouettes[best] as number) < SILHOUETTE_THRESHOLD) {
    note += ` The best silhouette is below ${SILHOUETTE_THRESHOLD}: the embeddings show little cluster structure, so personas split a continuum rather than separate groups.`;
  }
  return { elbowK, silhouetteK, recommendedK: silhouetteK, agreement: agree ? "agree" : "disagree", note };
}
