/**
 * The vector index port: what lookalike search needs from a vector store. Two adapters implement
 * it — the embedded exact index (in process, persisted beside the embedded database) and Qdrant —
 * and one contract test suite runs against every adapter that is reachable.
 *
 * Vectors live in named spaces ("mlp" now, "text" later). Similarity is cosine: higher is closer.
 * Point ids are unsigned integers (Qdrant accepts only those or UUIDs): the caller maps customer
 * ids to the dataset row index and keeps the customer id in the payload.
 */

/** What every indexed customer carries besides its vectors. */
export interface PointPayload {
  customerId: string;
  datasetId: string;
  runId: string;
  /** 1 converted, 0 not, null without a target. */
  label: number | null;
  /** train | val | oot1 | oot2 | test | unused */
  split: string;
  probability: number | null;
  /** Segment id of the chosen k-means personas, when known. */
  persona: number | null;
}

export type PayloadField = keyof PointPayload;

export const PAYLOAD_FIELDS: readonly PayloadField[] = [
  "customerId",
  "datasetId",
  "runId",
  "label",
  "split",
  "probability",
  "persona",
];

export interface IndexedPoint {
  id: number;
  vectors: Record<string, Float32Array>;
  payload: PointPayload;
}

/**
 * A conjunction of conditions on payload fields: a value (equality), a list (any of), or a range
 * (inclusive bounds). Unknown fields are an error (UNKNOWN_COLUMN naming the field).
 */
export type PayloadFilter = Partial<
  Record<PayloadField, string | number | null | (string | number)[] | { gte?: number; lte?: number }>
> & {
  /** Point ids to leave out (exclusions, an earlier target list). */
  excludeIds?: number[];
};

export interface SearchHit {
  id: number;
  /** Cosine similarity in [−1, 1]. */
  score: number;
  payload: PointPayload;
}

export interface SearchRequest {
  space: string;
  vector: Float32Array;
  limit: number;
  filter?: PayloadFilter;
}

export interface VectorIndex {
  /** Adds or replaces points; resolves when they are searchable. */
  upsert(points: IndexedPoint[]): Promise<void>;
  /** Nearest points to one vector, best first. */
  search(request: SearchRequest): Promise<SearchHit[]>;
  /** Several searches at once (adapters batch them). */
  searchBatch(requests: SearchRequest[]): Promise<SearchHit[][]>;
  /** Points by id, with their vectors in `space`; unknown ids are left out. */
  retrieve(
    ids: number[],
    space: string,
  ): Promise<{ id: number; vector: Float32Array; payload: PointPayload }[]>;
  /** Ids (and payloads) of every point matching a filter, in id order. */
  scroll(filter: PayloadFilter): Promise<{ id: number; payload: PointPayload }[]>;
  count(filter?: PayloadFilter): Promise<number>;
  /** Vector width per space. */
  dimensions(): Promise<Record<string, number>>;
}
