import type { VectorIndex } from "@kindred/engine/lookalike";

interface Disposable {
  dispose(): void;
}

interface Entry<T> {
  value: Promise<T>;
  users: number;
  evicted: boolean;
}

/**
 * Per-process caches of what is costly to open for a run: its vector index (read from disk or
 * Qdrant) and its explainer (model, encoded rows, SHAP background). A long-lived API process
 * answers many queries from them; `invalidate` drops a run's entries when its analysis changes.
 * Explainers are reference-counted so that one evicted while in use is disposed only after.
 */
export class RunCaches {
  private readonly indexes = new Map<string, Promise<VectorIndex>>();
  private readonly explainers = new Map<string, Entry<Disposable>>();

  constructor(private readonly maxExplainers = 2) {}

  index(runId: string, open: () => Promise<VectorIndex>): Promise<VectorIndex> {
    let index = this.indexes.get(runId);
    if (!index) {
      index = open();
      this.indexes.set(runId, index);
      index.catch(() => this.indexes.delete(runId));
    }
    return index;
  }

  /** Runs `work` with the cached explainer under `key` (opened when missing). */
  async withExplainer<E extends Disposable, T>(
    key: string,
    open: () => Promise<E>,
    work: (e: E) => Promise<T>,
  ): Promise<T> {
    let entry = this.explainers.get(key) as Entry<E> | undefined;
    if (entry) {
      // Most recently used last.
      this.explainers.delete(key);
      this.explainers.set(key, entry);
    } else {
      entry = { value: open(), users: 0, evicted: false };
      this.explainers.set(key, entry);
      entry.value.catch(() => this.explainers.delete(key));
      this.evict();
    }
    entry.users++;
    try {
      return await work(await entry.value);
    } finally {
      entry.users--;
      if (entry.evicted && entry.users === 0) (await entry.value).dispose();
    }
  }

  /** Forgets a run's index and explainers (its analysis, personas or model changed). */
  invalidate(runId: string): void {
    this.indexes.delete(runId);
    for (const key of [...this.explainers.keys()]) {
      if (key.startsWith(`${runId}|`)) this.drop(key);
    }
  }

  clear(): void {
    this.indexes.clear();
    for (const key of [...this.explainers.keys()]) this.drop(key);
  }

  private evict(): void {
    while (this.explainers.size > this.maxExplainers) {
      const oldest = this.explainers.keys().next().value as string;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const entry = this.explainers.get(key);
    if (!entry) return;
    this.explainers.delete(key);
    entry.evicted = true;
    if (entry.users === 0)
      entry.value.then(
        (e) => e.dispose(),
        () => undefined,
      );
  }
}
