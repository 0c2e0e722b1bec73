import { KindredError } from "@kindred/engine/errors";
import {
  compileFilter,
  type IndexedPoint,
  type PayloadFilter,
  type PointPayload,
  type SearchHit,
  type SearchRequest,
  type VectorIndex,
} from "@kindred/engine/lookalike";
import { QdrantClient } from "@qdrant/js-client-rest";

type Condition = Record<string, unknown>;

/** Qdrant's filter for a PayloadFilter (fields were validated by `compileFilter`). */
export function toQdrantFilter(
  filter: PayloadFilter | undefined,
): { must?: Condition[]; must_not?: Condition[] } | undefined {
  if (!filter) return undefined;
  compileFilter(filter); // unknown fields and ranges on text fields fail here, before any request
  const must: Condition[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (key === "excludeIds" || condition === undefined) continue;
    if (condition === null) must.push({ is_null: { key } });
    else if (Array.isArray(condition)) must.push({ key, match: { any: condition } });
    else if (typeof condition === "object")
      must.push({ key, range: { gte: condition.gte, lte: condition.lte } });
    else must.push({ key, match: { value: condition } });
  }
  const mustNot = filter.excludeIds?.length ? [{ has_id: filter.excludeIds }] : [];
  return {
    ...(must.length ? { must } : {}),
    ...(mustNot.length ? { must_not: mustNot } : {}),
  };
}

const PAYLOAD_INDEXES: [string, "keyword" | "integer" | "float"][] = [
  ["customerId", "keyword"],
  ["datasetId", "keyword"],
  ["runId", "keyword"],
  ["split", "keyword"],
  ["label", "integer"],
  ["persona", "integer"],
  ["probability", "float"],
];

const UPSERT_BATCH = 1000;
const SCROLL_PAGE = 1000;

export interface QdrantOptions {
  url: string;
  apiKey?: string;
  collection: string;
}

/**
 * Whether the Qdrant server answers an authenticated request (readiness): listing collections is
 * the cheapest call that also proves the API key.
 */
export async function pingQdrant(options: { url: string; apiKey?: string }): Promise<void> {
  const client = new QdrantClient({ url: options.url, apiKey: options.apiKey });
  await wrap("(server)", () => client.getCollections());
}

/**
 * The production adapter of the vector-index port: one Qdrant collection per run with named
 * vectors (cosine), payload indexes for the filterable fields, batched upserts that wait until
 * points are searchable, and a dataset alias switched atomically to the active run.
 */
export class QdrantIndex implements VectorIndex {
  private constructor(
    private readonly client: QdrantClient,
    readonly collection: string,
  ) {}

  static async create(
    options: QdrantOptions & { spaces: Record<string, number>; shards?: number; replicationFactor?: number },
  ): Promise<QdrantIndex> {
    const client = new QdrantClient({ url: options.url, apiKey: options.apiKey });
    await wrap(options.collection, () =>
      client.createCollection(options.collection, {
        vectors: Object.fromEntries(
          Object.entries(options.spaces).map(([name, size]) => [name, { size, distance: "Cosine" as const }]),
        ),
        ...(options.shards ? { shard_number: options.shards } : {}),
        ...(options.replicationFactor ? { replication_factor: options.replicationFactor } : {}),
      }),
    );
    for (const [field_name, field_schema] of PAYLOAD_INDEXES) {
      await wrap(options.collection, () =>
        client.createPayloadIndex(options.collection, { field_name, field_schema, wait: true }),
      );
    }
    return new QdrantIndex(client, options.collection);
  }

  /** An existing collection or alias (requests accept either), or null when there is none. */
  static async open(options: QdrantOptions): Promise<QdrantIndex | null> {
    const client = new QdrantClient({ url: options.url, apiKey: options.apiKey });
    const { exists } = await wrap(options.collection, () => client.collectionExists(options.collection));
    if (exists) return new QdrantIndex(client, options.collection);
    const { aliases } = await wrap(options.collection, () => client.getAliases());
    return aliases.some((a) => a.alias_name === options.collection)
      ? new QdrantIndex(client, options.collection)
      : null;
  }

  /** Points `alias` at `collection` in one request: searches never see a half-indexed run. */
  async setAlias(alias: string): Promise<void> {
    const aliases = await wrap(this.collection, () => this.client.getAliases());
    const existing = aliases.aliases.some((a) => a.alias_name === alias);
    await wrap(this.collection, () =>
      this.client.updateCollectionAliases({
        actions: [
          ...(existing ? [{ delete_alias: { alias_name: alias } }] : []),
          { create_alias: { collection_name: this.collection, alias_name: alias } },
        ],
      }),
    );
  }

  async drop(): Promise<void> {
    await wrap(this.collection, () => this.client.deleteCollection(this.collection));
  }

  async upsert(points: IndexedPoint[]): Promise<void> {
    const dims = await this.dimensions();
    for (const point of points) {
      if (!Number.isSafeInteger(point.id) || point.id < 0) {
        throw new KindredError("INVALID_CONFIG", `point id must be a non-negative integer, got ${point.id}`, {
          field: "id",
        });
      }
      for (const [space, vector] of Object.entries(point.vectors)) {
        if (dims[space] !== undefined && dims[space] !== vector.length) {
          throw new KindredError(
            "ARTIFACT_MISMATCH",
            `space "${space}" holds ${dims[space]}-d vectors; point ${point.id} has ${vector.length}`,
            { field: "vector" },
          );
        }
      }
    }
    for (let start = 0; start < points.length; start += UPSERT_BATCH) {
      const batch = points.slice(start, start + UPSERT_BATCH).map((p) => ({
        id: p.id,
        vector: Object.fromEntries(Object.entries(p.vectors).map(([space, v]) => [space, Array.from(v)])),
        payload: { ...p.payload },
      }));
      await wrap(this.collection, () => this.client.upsert(this.collection, { wait: true, points: batch }));
    }
  }

  async search(request: SearchRequest): Promise<SearchHit[]> {
    const [hits] = await this.searchBatch([request]);
    return hits ?? [];
  }

  async searchBatch(requests: SearchRequest[]): Promise<SearchHit[][]> {
    if (requests.length === 0) return [];
    const dims = await this.dimensions();
    const searches = requests.map((r) => {
      if (dims[r.space] !== undefined && dims[r.space] !== r.vector.length) {
        throw new KindredError(
          "ARTIFACT_MISMATCH",
          `space "${r.space}" holds ${dims[r.space]}-d vectors; the query has ${r.vector.length}`,
          {
            field: "vector",
          },
        );
      }
      return {
        vector: { name: r.space, vector: Array.from(r.vector) },
        limit: r.limit,
        filter: toQdrantFilter(r.filter),
        with_payload: true,
      };
    });
    const results = await wrap(this.collection, () => this.client.searchBatch(this.collection, { searches }));
    return results.map((hits) =>
      hits.map((hit) => ({
        id: Number(hit.id),
        score: hit.score,
        payload: hit.payload as unknown as PointPayload,
      })),
    );
  }

  async retrieve(ids: number[], space: string) {
    if (ids.length === 0) return [];
    const points = await wrap(this.collection, () =>
      this.client.retrieve(this.collection, { ids, with_payload: true, with_vector: [space] }),
    );
    return points.map((p) => ({
      id: Number(p.id),
      vector: Float32Array.from(((p.vector as Record<string, number[]>)?.[space] ?? []) as number[]),
      payload: p.payload as unknown as PointPayload,
    }));
  }

  async scroll(filter: PayloadFilter) {
    const out: { id: number; payload: PointPayload }[] = [];
    let offset: string | number | undefined;
    for (;;) {
      const page = await wrap(this.collection, () =>
        this.client.scroll(this.collection, {
          filter: toQdrantFilter(filter),
          limit: SCROLL_PAGE,
          with_payload: true,
          with_vector: false,
          ...(offset !== undefined ? { offset } : {}),
        }),
      );
      for (const p of page.points)
        out.push({ id: Number(p.id), payload: p.payload as unknown as PointPayload });
      const next = page.next_page_offset;
      if (next === null || next === undefined || typeof next === "object") break;
      offset = next;
    }
    return out.sort((a, b) => a.id - b.id);
  }

  async count(filter?: PayloadFilter): Promise<number> {
    const result = await wrap(this.collection, () =>
      this.client.count(this.collection, { filter: toQdrantFilter(filter), exact: true }),
    );
    return result.count;
  }

  async dimensions(): Promise<Record<string, number>> {
    const info = await wrap(this.collection, () => this.client.getCollection(this.collection));
    const vectors = info.config.params.vectors as Record<string, { size: number }> | undefined;
    return Object.fromEntries(Object.entries(vectors ?? {}).map(([name, v]) => [name, v.size]));
  }
}

/** Server failures carry the collection name; Kindred's own errors pass through. */
async function wrap<T>(collection: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof KindredError) throw error;
    throw new Error(`Qdrant collection "${collection}": ${(error as Error).message}`, { cause: error });
  }
}
