import { KindredError } from "../errors/index.ts";

/**
 * The text-encoder port: sentences in, L2-normalized embeddings out (rows × dim, row-major). The
 * adapter (a sentence-transformer run by @huggingface/transformers) lives with the app: it reads
 * model files.
 */
export interface TextEncoder {
  /** The model's name or folder. */
  readonly model: string;
  readonly dim: number;
  encode(texts: string[]): Promise<Float32Array>;
  dispose(): Promise<void>;
}

export interface EncodeOptions {
  /** Texts per encoder call. Default 64. */
  batchSize?: number;
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

/** Every text encoded in batches (with progress and cancellation); rows × dim. */
export async function encodeAll(
  encoder: TextEncoder,
  texts: string[],
  options: EncodeOptions = {},
): Promise<Float32Array> {
  const batchSize = options.batchSize ?? 64;
  const out = new Float32Array(texts.length * encoder.dim);
  for (let start = 0; start < texts.length; start += batchSize) {
    options.signal?.throwIfAborted();
    const batch = texts.slice(start, start + batchSize);
    const vectors = await encoder.encode(batch);
    if (vectors.length !== batch.length * encoder.dim) {
      throw new KindredError(
        "ARTIFACT_MISMATCH",
        `the text encoder returned ${vectors.length} values for ${batch.length} texts of ${encoder.dim} dimensions`,
        { field: "model" },
      );
    }
    out.set(vectors, start * encoder.dim);
    options.onProgress?.(Math.min(texts.length, start + batch.length), texts.length);
  }
  return out;
}
