/**
 * Customers picked on one page and used on another (a lasso on the map seeds a lookalike search or
 * becomes a target list): kept for the browser tab, per run.
 */
const key = (runId: string) => `kindred:selection:${runId}`;

export function saveSelection(runId: string, customerIds: string[]): void {
  sessionStorage.setItem(key(runId), JSON.stringify(customerIds));
}

export function loadSelection(runId: string): string[] {
  try {
    const raw = sessionStorage.getItem(key(runId));
    const ids = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

export function clearSelection(runId: string): void {
  sessionStorage.removeItem(key(runId));
}
