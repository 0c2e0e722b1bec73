import { KindredError } from "../errors/index.ts";
import { compileFilter } from "./payload-filter.ts";
import type {
  IndexedPoint,
  PayloadFilter,
  PointPayload,
  SearchHit,
  SearchRequest,
  VectorIndex,
} from "./vector-index.ts";

interface Space {
  dim: number;
  /** slots × dim, L2-normalized, contiguous (one scan reads it front to back). */
  data: Float32Array;
}

/**
 * The embedded adapter's index: exact cosine search by a full scan over contiguous normalized
 * Float32 vectors. No approximation: for tens of millions of rows use Qdrant.
 */
export class ExactIndex implements VectorIndex {
  private spaces = new Map<string, Space>();
  private ids: number[] = [];
  private payloads: PointPayload[] = [];
  private slotOf = new Map<number, number>();

  async upsert(points: IndexedPoint[]): Promise<void> {
    for (const point of points) {
      if (!Number.isSafeInteger(point.id) || point.id < 0) {
        throw new KindredError("INVALID_CONFIG", `point id must be a non-negative integer, got ${point.id}`, {
          field: "id",
        });
      }
      for (const [name, vector] of Object.entries(point.vectors)) {
        const existing = this.spaces.get(name);
        if (existing && existing.dim !== vector.length) {
          throw new KindredError(
            "ARTIFACT_MISMATCH",
            `space "${name}" holds ${existing.dim}-d vectors; point ${point.id} has ${vector.length}`,
            { field: "vector" },
          );
        }
      }
    }
    const added = points.filter((p) => !this.slotOf.has(p.id)).length;
    const slots = this.ids.length + added;
    for (const point of points) {
      for (const [name, vector] of Object.entries(point.vectors)) {
        if (!this.spaces.has(name)) this.spaces.set(name, { dim: vector.length, data: new Float32Array(0) });
      }
    }
    for (const space of this.spaces.values()) {
      if (space.data.length < slots * space.dim) {
        const grown = new Float32Array(
          Math.max(slots, Math.ceil((space.data.length / space.dim) * 1.5)) * space.dim,
        );
        grown.set(space.data);
        space.data = grown;
      }
    }
    for (const point of points) {
      let slot = this.slotOf.get(point.id);
      if (slot === undefined) {
        slot = this.ids.length;
        this.ids.push(point.id);
        this.payloads.push(point.payload);
        this.slotOf.set(point.id, slot);
      } else {
        this.payloads[slot] = point.payload;
      }
      for (const [name, vector] of Object.entries(point.vectors)) {
        const space = this.spaces.get(name) as Space;
        let norm = 0;
        for (let d = 0; d < vector.length; d++) norm += (vector[d] as number) ** 2;
        const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (let d = 0; d < vector.length; d++)
          space.data[slot * space.dim + d] = (vector[d] as number) * scale;
      }
    }
  }

  private space(name: string): Space {
    const space = this.spaces.get(name);
    if (!space) {
      throw new KindredError(
        "NOT_FOUND",
        `no vectors in space "${name}" (spaces: ${[...this.spaces.keys()].join(", ") || "none"})`,
        {
          field: "space",
        },
      );
    }
    return space;
  }

  /** 1 where a slot passes the filter (undefined filter: every slot). */
  mask(filter: PayloadFilter | undefined): Uint8Array | undefined {
    if (!filter) return undefined;
    const test = compileFilter(filter);
    const mask = new Uint8Array(this.ids.length);
    for (let s = 0; s < this.ids.length; s++)
      mask[s] = test(this.ids[s] as number, this.payloads[s] as PointPayload) ? 1 : 0;
    return mask;
  }

  /** Cosine of the query with every slot (0 for slots outside the mask). */
  scoreAll(spaceName: string, query: Float32Array, mask?: Uint8Array): Float32Array {
    const space = this.space(spaceName);
    const q = normalized(query, space.dim, spaceName);
    const n = this.ids.length;
    const out = new Float32Array(n);
    const { data, dim } = space;
    for (let s = 0; s < n; s++) {
      if (mask && mask[s] === 0) continue;
      out[s] = dot(data, s * dim, q, dim);
    }
    return out;
  }

  async search(request: SearchRequest): Promise<SearchHit[]> {
    return this.searchMasked(request, this.mask(request.filter));
  }

  searchMasked(request: SearchRequest, mask: Uint8Array | undefined): SearchHit[] {
    return this.searchManyMasked(request.space, [request.vector], request.limit, mask)[0] as SearchHit[];
  }

  /** The best `limit` slots for each query, in one pass over the vectors. */
  searchManyMasked(
    spaceName: string,
    vectors: Float32Array[],
    limit: number,
    mask: Uint8Array | undefined,
  ): SearchHit[][] {
    const space = this.space(spaceName);
    const queries = vectors.map((v) => normalized(v, space.dim, spaceName));
    const { data, dim } = space;
    const k = Math.max(0, Math.floor(limit));
    const heaps = queries.map(() => new TopK(k));
    const n = this.ids.length;
    for (let s = 0; s < n; s++) {
      if (mask && mask[s] === 0) continue;
      const offset = s * dim;
      for (let q = 0; q < queries.length; q++) {
        (heaps[q] as TopK).push(dot(data, offset, queries[q] as Float32Array, dim), s);
      }
    }
    return heaps.map((heap) =>
      heap
        .entries()
        .map(({ score, slot }) => ({
          id: this.ids[slot] as number,
          score,
          payload: this.payloads[slot] as PointPayload,
        }))
        .sort((a, b) => b.score - a.score || a.id - b.id),
    );
  }

  /** Searches sharing a space, limit and filter run as one pass (the per-seed case). */
  async searchBatch(requests: SearchRequest[]): Promise<SearchHit[][]> {
    const groups = new Map<string, number[]>();
    requests.forEach((r, i) => {
      const key = JSON.stringify([r.space, r.limit, r.filter ?? null]);
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    const results = new Array<SearchHit[]>(requests.length);
    for (const members of groups.values()) {
      const first = requests[members[0] as number] as SearchRequest;
      const hits = this.searchManyMasked(
        first.space,
        members.map((i) => (requests[i] as SearchRequest).vector),
        first.limit,
        this.mask(first.filter),
      );
      members.forEach((i, j) => {
        results[i] = hits[j] as SearchHit[];
      });
    }
    return results;
  }

  async retrieve(ids: number[], spaceName: string) {
    const space = this.space(spaceName);
    return ids.flatMap((id) => {
      const slot = this.slotOf.get(id);
      if (slot === undefined) return [];
      return [
        {
          id,
          vector: space.data.slice(slot * space.dim, (slot + 1) * space.dim),
          payload: this.payloads[slot] as PointPayload,
        },
      ];
    });
  }

  async scroll(filter: PayloadFilter) {
    const test = compileFilter(filter);
    const points: { id: number; payload: PointPayload }[] = [];
    for (let slot = 0; slot < this.ids.length; slot++) {
      const id = this.ids[slot] as number;
      const payload = this.payloads[slot] as PointPayload;
      if (test(id, payload)) points.push({ id, payload });
    }
    return points.sort((a, b) => a.id - b.id);
  }

  async count(filter?: PayloadFilter): Promise<number> {
    if (!filter) return this.ids.length;
    return (await this.scroll(filter)).length;
  }

  async dimensions(): Promise<Record<string, number>> {
    return Object.fromEntries([...this.spaces].map(([name, s]) => [name, s.dim]));
  }

  /** Slot of a point id (for callers that combine `scoreAll` arrays), or undefined. */
  slot(id: number): number | undefined {
    return this.slotOf.get(id);
  }

  idAt(slot: number): number {
    return this.ids[slot] as number;
  }

  payloadAt(slot: number): PointPayload {
    return this.payloads[slot] as PointPayload;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Plain arrays for persisting (normalized vectors, ids, payloads). */
  toBinary(): { vectors: Record<string, Float32Array>; ids: Uint32Array; payload: PointPayload[] } {
    const n = this.ids.length;
    return {
      vectors: Object.fromEntries([...this.spaces].map(([name, s]) => [name, s.data.slice(0, n * s.dim)])),
      ids: Uint32Array.from(this.ids),
      payload: [...this.payloads],
    };
  }

  static fromBinary(binary: {
    vectors: Record<string, Float32Array>;
    ids: Uint32Array;
    payload: PointPayload[];
  }): ExactIndex {
    const index = new ExactIndex();
    const n = binary.ids.length;
    if (binary.payload.length !== n) {
      throw new KindredError("ARTIFACT_MISMATCH", `${n} ids but ${binary.payload.length} payloads`, {
        field: "payload",
      });
    }
    for (const [name, data] of Object.entries(binary.vectors)) {
      if (n > 0 && data.length % n !== 0) {
        throw new KindredError(
          "ARTIFACT_MISMATCH",
          `space "${name}": ${data.length} values for ${n} points`,
          {
            field: "vectors",
          },
        );
      }
      index.spaces.set(name, { dim: n > 0 ? data.length / n : 0, data });
    }
    index.ids = Array.from(binary.ids);
    index.payloads = binary.payload;
    index.ids.forEach((id, slot) => {
      index.slotOf.set(id, slot);
    });
    return index;
  }
}

/** The `k` largest scores seen (a min-heap), with their slots. */
export class TopK {
  private readonly scores: Float64Array;
  private readonly slots: Int32Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.scores = new Float64Array(k);
    this.slots = new Int32Array(k);
  }

  push(score: number, slot: number): void {
    const { scores, slots } = this;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((scores[parent] as number) <= score) break;
        scores[i] = scores[parent] as number;
        slots[i] = slots[parent] as number;
        i = parent;
      }
      scores[i] = score;
      slots[i] = slot;
    } else if (this.k > 0 && score > (scores[0] as number)) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= this.size) break;
        const right = left + 1;
        const child =
          right < this.size && (scores[right] as number) < (scores[left] as number) ? right : left;
        if ((scores[child] as number) >= score) break;
        scores[i] = scores[child] as number;
        slots[i] = slots[child] as number;
        i = child;
      }
      scores[i] = score;
      slots[i] = slot;
    }
  }

  /** Kept entries, in no particular order. */
  entries(): { score: number; slot: number }[] {
    return Array.from({ length: this.size }, (_, i) => ({
      score: this.scores[i] as number,
      slot: this.slots[i] as number,
    }));
  }
}

function normalized(vector: Float32Array, dim: number, space: string): Float32Array {
  if (vector.length !== dim) {
    throw new KindredError(
      "ARTIFACT_MISMATCH",
      `space "${space}" holds ${dim}-d vectors; the query has ${vector.length}`,
      {
        field: "vector",
      },
    );
  }
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += (vector[d] as number) ** 2;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Float32Array.from(vector, (v) => v * scale);
}

/** Dot product of data[offset..offset+dim) with q, 4-way unrolled (the scan's hot loop). */
function dot(data: Float32Array, offset: number, q: Float32Array, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < dim; d += 4) {
    s0 += (data[offset + d] as number) * (q[d] as number);
    s1 += (data[offset + d + 1] as number) * (q[d + 1] as number);
    s2 += (data[offset + d + 2] as number) * (q[d + 2] as number);
    s3 += (data[offset + d + 3] as number) * (q[d + 3] as number);
  }
  for (; d < dim; d++) s0 += (data[offset + d] as number) * (q[d] as number);
  return s0 + s1 + s2 + s3;
}
