/** Lookalike search over the vector-index port, and the embedded exact index. */
export { ExactIndex } from "./exact-index.ts";
export {
  type LookalikeHit,
  type LookalikeRequest,
  type LookalikeResult,
  type LookalikeStrategy,
  lookalike,
} from "./lookalike.ts";
export { compileFilter } from "./payload-filter.ts";
export {
  type IndexedPoint,
  PAYLOAD_FIELDS,
  type PayloadField,
  type PayloadFilter,
  type PointPayload,
  type SearchHit,
  type SearchRequest,
  type VectorIndex,
} from "./vector-index.ts";
